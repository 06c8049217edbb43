package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host-owned state store: outlives generations, loses no update, keeps only host values. */
class StateStoreIT {
  private static final int RELOADS = 100;

  @TempDir Path workDir;

  @Test
  void counterInStore_hundredReloadsUnderLoad_losesNoIncrement() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/count", 32).start();
      for (int i = 0; i < RELOADS; i++) {
        long before = load.ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() >= before + 50);
        assertThat(harness.install(i % 2 == 0 ? Fixture.V2 : Fixture.V1).activated()).isTrue();
      }
      load.stop();

      assertThat(load.failed()).isZero();
      long counted = harness.hotSwap().store().<Long>get("count");
      assertThat(counted).isEqualTo(load.ok());
      // Every answer is a distinct value of the counter: nothing counted twice or lost.
      assertThat(load.answers().stream().map(a -> a.body()).distinct().count())
          .isEqualTo(load.ok());
      StatusReport status = Harness.await(harness.hotSwap().status());
      assertThat(status.store().entries()).isEqualTo(1);
      System.out.printf(
          "state store: %d reloads, %d increments under load, counter %d, 0 lost%n",
          RELOADS, load.ok(), counted);
    }
  }

  @Test
  void store_valuesAreCopiedAndOnlyHostTypesAccepted() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      var store = harness.hotSwap().store();
      JsonObject json = new JsonObject().put("a", 1);
      store.put("json", json);
      json.put("a", 2);
      assertThat(store.<JsonObject>get("json").getInteger("a")).isEqualTo(1);
      store.put("bytes", new byte[] {1, 2});
      store.put("buffer", Buffer.buffer("x"));
      assertThat(store.<byte[]>get("bytes")).containsExactly(1, 2);
      assertThatThrownBy(() -> store.put("thread", new Object()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("parent-first");
      assertThatThrownBy(() -> store.addAndGet("json", 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not a number");
    }
  }
}
