package io.hotswap.internal.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.internal.cleanup.CodecMaps;
import io.hotswap.internal.cleanup.GenerationCleaner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Codec names shared by generations on a real event bus: the next generation registers a name the
 * previous one holds, one generation cannot register a name twice, each call is served by the
 * calling generation's codec, and the cleanup of a retired generation keeps the others' parts.
 */
class GenerationCodecsTest {
  private final Vertx vertx = Vertx.vertx();
  private final EventBus bus = vertx.eventBus();
  private final ClassLoader gen1 = new ClassLoader(getClass().getClassLoader()) {};
  private final ClassLoader gen2 = new ClassLoader(getClass().getClassLoader()) {};

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void nextGeneration_registersTheSameName_andEachGenerationUsesItsOwnCodec() {
    GenerationCodecs.register(bus, gen1, new Tagging("shared", "v1"));
    GenerationCodecs.register(bus, gen2, new Tagging("shared", "v2"));

    assertThat(transformAs(gen1, "shared", "x")).isEqualTo("x/v1");
    assertThat(transformAs(gen2, "shared", "x")).isEqualTo("x/v2");
    assertThatThrownBy(() -> GenerationCodecs.register(bus, gen2, new Tagging("shared", "again")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Already a codec registered with name shared");
  }

  @Test
  void cleanupOfARetiredGeneration_dropsOnlyItsPart_thenTheName() {
    GenerationCodecs.register(bus, gen1, new Tagging("shared", "v1"));
    GenerationCodecs.register(bus, gen2, new Tagging("shared", "v2"));
    GenerationCleaner cleaner =
        new GenerationCleaner(getClass().getClassLoader(), Duration.ofSeconds(1), vertx);

    cleaner.clean("gen-1", gen1);
    assertThat(transformAs(gen1, "shared", "x")).as("newest serves others").isEqualTo("x/v2");
    assertThat(cleaner.findHolders("gen-1", new java.lang.ref.WeakReference<>(gen1))).isEmpty();

    cleaner.clean("gen-2", gen2);
    assertThat(CodecMaps.of(bus).orElseThrow().byName()).doesNotContainKey("shared");
    GenerationCodecs.register(bus, gen2, new Tagging("shared", "v3"));
  }

  @Test
  void hostCodecName_isNotTakenOver() {
    bus.registerCodec(new Tagging("host", "host"));

    assertThatThrownBy(() -> GenerationCodecs.register(bus, gen1, new Tagging("host", "v1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Already a codec registered with name host");
  }

  @Test
  void unregister_byOneGeneration_keepsTheOthers() {
    GenerationCodecs.register(bus, gen1, new Tagging("shared", "v1"));
    GenerationCodecs.register(bus, gen2, new Tagging("shared", "v2"));

    GenerationCodecs.unregister(bus, gen1, "shared");

    assertThat(transformAs(gen2, "shared", "x")).isEqualTo("x/v2");
    GenerationCodecs.register(bus, gen1, new Tagging("shared", "v1 again"));
  }

  private String transformAs(ClassLoader generation, String name, String body) {
    @SuppressWarnings("unchecked")
    MessageCodec<Object, Object> codec =
        (MessageCodec<Object, Object>) CodecMaps.of(bus).orElseThrow().byName().get(name);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(generation);
    try {
      return (String) codec.transform(body);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** A string codec that tags what it copies. */
  private record Tagging(String name, String tag) implements MessageCodec<String, String> {
    @Override
    public void encodeToWire(Buffer buffer, String body) {
      buffer.appendString(body);
    }

    @Override
    public String decodeFromWire(int pos, Buffer buffer) {
      return buffer.getString(pos, buffer.length());
    }

    @Override
    public String transform(String body) {
      return body + "/" + tag;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
