package io.hotswap.internal.generation;

import io.hotswap.HotSwapOptions;
import io.hotswap.internal.endpoint.InflightLedger;
import io.vertx.core.internal.ContextInternal;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic rollback: once the policy's window after a cutover has passed, compares the new
 * generation's failed exchanges with all it served and asks for a rollback when the share is too
 * high (and enough requests were seen to judge).
 *
 * <p>Thread-safe: the check runs once, on the host context.
 */
final class ErrorRateWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorRateWatch.class);

  private final ContextInternal hostContext;
  private final HotSwapOptions.AutoRollback policy;
  private final Runnable rollback;

  ErrorRateWatch(
      ContextInternal hostContext, HotSwapOptions.AutoRollback policy, Runnable rollback) {
    this.hostContext = hostContext;
    this.policy = policy;
    this.rollback = rollback;
  }

  /** Watches {@code generation}; {@code stillActive} says whether it is still the active one. */
  void watch(Generation generation, BooleanSupplier stillActive) {
    hostContext.setTimer(policy.window().toMillis(), timer -> judge(generation, stillActive));
  }

  private void judge(Generation generation, BooleanSupplier stillActive) {
    InflightLedger ledger = generation.ledger();
    if (!stillActive.getAsBoolean() || ledger == null) {
      return;
    }
    ledger
        .figures()
        .onSuccess(
            counts -> {
              long served = counts.served();
              long errors = counts.failed();
              double rate = served == 0 ? 0 : (double) errors / served;
              if (served >= policy.minRequests() && rate > policy.maxErrorRate()) {
                LOG.warn(
                    "{}: {} of {} requests failed in its first {} ms (limit {}%): rolling back",
                    generation.label(),
                    errors,
                    served,
                    policy.window().toMillis(),
                    Math.round(policy.maxErrorRate() * 100));
                rollback.run();
              } else {
                LOG.info(
                    "{}: {} of {} requests failed in its first {} ms: kept",
                    generation.label(),
                    errors,
                    served,
                    policy.window().toMillis());
              }
            });
  }
}
