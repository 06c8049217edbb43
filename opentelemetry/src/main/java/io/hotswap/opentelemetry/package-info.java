/**
 * Tracing across the generation boundary with vertx-opentelemetry: {@link
 * io.hotswap.opentelemetry.HotSwapTracing#bind} puts the generation id on the server span of each
 * request and message a generation handles. Reaches core only through its public API and {@code
 * io.hotswap.internal.spi}. What works and what does not: {@code docs/tracing.md}.
 */
package io.hotswap.opentelemetry;
