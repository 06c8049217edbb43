package io.hotswap.internal.cleanup;

import io.hotswap.loader.cleanup.CleanupReport;
import io.hotswap.loader.cleanup.LeakPattern;
import io.hotswap.loader.cleanup.RetiredCode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Unregisters the event-bus message codecs of a retired generation: default codecs for its body
 * classes, codecs of its classes registered by name (for example through the host's own event bus,
 * past the compat facade), and its parts of codecs that generations share ({@link LoaderScoped},
 * the codecs the compat facade registers); a shared codec with no part left is unregistered. The
 * codecs of other generations and of the host stay.
 *
 * <p>Stateless apart from the host Vert.x; thread-safe as the event bus's registries are.
 */
final class EventBusCodecCleaner implements LeakPattern {
  private final Vertx host;

  EventBusCodecCleaner(Vertx host) {
    this.host = host;
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    Optional<CodecMaps> found = CodecMaps.of(host.eventBus());
    if (found.isEmpty()) {
      return;
    }
    CodecMaps maps = found.get();
    for (Map.Entry<Class<?>, MessageCodec<?, ?>> entry : maps.byClass().entrySet()) {
      if (code.owns(entry.getKey()) || code.owns(entry.getValue())) {
        maps.byClass().remove(entry.getKey(), entry.getValue());
        report.released("default event-bus codec for " + entry.getKey().getName());
      }
    }
    for (Map.Entry<String, MessageCodec<?, ?>> entry : maps.byName().entrySet()) {
      MessageCodec<?, ?> codec = entry.getValue();
      if (code.owns(codec)) {
        maps.byName().remove(entry.getKey(), codec);
        report.released("event-bus codec '" + entry.getKey() + "'");
      } else if (codec instanceof LoaderScoped shared && shared.holds(code.loader())) {
        if (shared.release(code.loader())) {
          maps.byName().remove(entry.getKey(), codec);
        }
        report.released("its part of event-bus codec '" + entry.getKey() + "'");
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    CodecMaps.of(host.eventBus())
        .ifPresent(
            maps -> {
              maps.byClass()
                  .forEach(
                      (type, codec) -> {
                        if (code.owns(type) || code.owns(codec)) {
                          holders.add("the event bus's default codec for " + type.getName());
                        }
                      });
              maps.byName()
                  .forEach(
                      (name, codec) -> {
                        if (code.owns(codec)
                            || (codec instanceof LoaderScoped shared
                                && shared.holds(code.loader()))) {
                          holders.add("event-bus codec '" + name + "'");
                        }
                      });
            });
  }
}
