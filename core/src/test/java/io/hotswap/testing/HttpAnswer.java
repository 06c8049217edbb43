package io.hotswap.testing;

/**
 * One HTTP answer as a test sees it. Immutable.
 *
 * @param status the status code
 * @param body the body as text
 * @param generation the {@code X-Generation} header, or 0 when absent
 * @param connection the {@code Connection} header, or null
 * @param sentNanos {@code System.nanoTime()} when the request was sent
 * @param receivedNanos {@code System.nanoTime()} when the answer was complete
 */
public record HttpAnswer(
    int status,
    String body,
    long generation,
    String connection,
    long sentNanos,
    long receivedNanos) {}
