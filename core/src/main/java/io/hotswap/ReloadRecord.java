package io.hotswap;

import java.time.Instant;

/**
 * One reload in the history that status views show: when it was asked for, by which trigger, and
 * how it ended. A value.
 *
 * @param requestedAt when the supervisor began the reload
 * @param trigger what asked for it ({@code api}, {@code jmx}, {@code watch}, {@code signal}, ...)
 * @param outcome how it ended
 */
public record ReloadRecord(Instant requestedAt, String trigger, ReloadOutcome outcome) {}
