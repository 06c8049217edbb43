package io.hotswap.metrics;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * {@code hotswap.generation.active}: an info metric, 1 tagged with the {@code generation} and
 * {@code snapshot} of the active generation; the series of the previous one is removed when it
 * stops being active, so exactly one series exists while a generation serves, and none while none
 * does.
 *
 * <p>Not thread-safe: the owner serializes calls.
 */
final class ActiveGenerationMeter {
  static final String NAME = "hotswap.generation.active";

  private final MeterRegistry registry;
  private Gauge current;
  private long currentId;

  ActiveGenerationMeter(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Shows the ACTIVE generation of {@code generations}, if any. */
  void apply(List<GenerationInfo> generations) {
    GenerationInfo active =
        generations.stream()
            .filter(info -> info.state() == GenerationState.ACTIVE)
            .reduce((first, second) -> second)
            .orElse(null);
    if (active != null && current != null && active.id() == currentId) {
      return;
    }
    close();
    if (active != null) {
      currentId = active.id();
      current =
          Gauge.builder(NAME, () -> 1)
              .description("1 for the generation that takes traffic now")
              .tag("generation", Long.toString(active.id()))
              .tag("snapshot", active.snapshotId())
              .strongReference(true)
              .register(registry);
    }
  }

  /** Removes the series. */
  void close() {
    if (current != null) {
      registry.remove(current);
      current = null;
      currentId = 0;
    }
  }
}
