package io.hotswap.opentelemetry;

import io.hotswap.HotSwap;
import io.hotswap.internal.spi.DispatchObserver;
import io.hotswap.internal.spi.HotSwapInternal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the generation id on the server span of every request and message a generation of one
 * hotswap instance handles: attribute {@value #GENERATION_ATTRIBUTE} (a long). The span is the one
 * the host's Vert.x tracer (vertx-opentelemetry) started for the request; core hands it to the
 * generation's code as the current span, whether or not this class is bound, so the spans that code
 * creates and its outbound calls belong to the request's trace. What works and how to enable it:
 * {@code docs/tracing.md}.
 *
 * <p>Lifecycle: {@link #bind} makes this the instance's dispatch observer, before or after {@link
 * HotSwap#start()}; {@link #close()} removes it. An instance has one observer: a second {@code
 * bind} on the same instance replaces the first.
 *
 * <p>Thread-safe: the observer runs on every lane's event loop and only touches the current span.
 */
public final class HotSwapTracing implements AutoCloseable {
  /** The name of the span attribute that holds the generation id. */
  public static final String GENERATION_ATTRIBUTE = "hotswap.generation";

  /** The span attribute that holds the generation id. */
  public static final AttributeKey<Long> GENERATION = AttributeKey.longKey(GENERATION_ATTRIBUTE);

  private static final Logger LOG = LoggerFactory.getLogger(HotSwapTracing.class);

  private final HotSwapInternal hotSwap;
  private final DispatchObserver observer;

  private HotSwapTracing(HotSwapInternal hotSwap) {
    this.hotSwap = hotSwap;
    this.observer = HotSwapTracing::tagCurrentSpan;
  }

  /**
   * Tags the server span of every later request or message a generation of {@code hotSwap} handles
   * with the generation id.
   *
   * @throws IllegalArgumentException when {@code hotSwap} was not made by {@link HotSwap#create}
   */
  public static HotSwapTracing bind(HotSwap hotSwap) {
    HotSwapInternal internal = HotSwapInternal.of(Objects.requireNonNull(hotSwap, "hotSwap"));
    HotSwapTracing tracing = new HotSwapTracing(internal);
    internal.observeDispatch(tracing.observer);
    LOG.info(
        "{}: server spans carry the generation id ({})",
        hotSwap.options().applicationName(),
        GENERATION_ATTRIBUTE);
    return tracing;
  }

  /**
   * Runs on the generation's context just before its handler: the current span there is the
   * request's server span (an invalid span, which ignores attributes, when nothing traces it).
   */
  private static void tagCurrentSpan(long generation) {
    Span.current().setAttribute(GENERATION, generation);
  }

  /** Stops tagging: later requests' spans carry no generation id. */
  @Override
  public void close() {
    hotSwap.observeDispatch(null);
  }
}
