/**
 * Micrometer meters of a hotswap instance: {@link io.hotswap.metrics.HotSwapMetrics#bind} and the
 * package-private meter groups behind it, read through the public API of {@code io.hotswap} only.
 * Every meter and its tags: {@code docs/metrics.md}.
 */
package io.hotswap.metrics;
