package io.hotswap.internal.generation;

import io.hotswap.api.StateHandOff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a candidate's health checks, then hands state over from the active generation (export on its
 * context, import on each new instance's context): the first step of the CHECKING phase ({@link
 * CandidateChecks}). Each step is bounded by the check timeout; any failure fails the candidate and
 * leaves the active one serving.
 *
 * <p>Thread-safe: stateless between calls; generation code runs on its own contexts.
 */
final class HealthChecker {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

  private final ContextInternal hostContext;
  private final Duration timeout;

  HealthChecker(ContextInternal hostContext, Duration timeout) {
    this.hostContext = hostContext;
    this.timeout = timeout;
  }

  /** Checks {@code candidate}; {@code active} may be null (first load). */
  Future<Void> check(Generation candidate, List<InstanceHooks> hooks, Generation active) {
    return healthChecks(candidate, hooks).compose(v -> handOff(candidate, hooks, active));
  }

  private Future<Void> healthChecks(Generation candidate, List<InstanceHooks> hooks) {
    List<Future<Object>> checks = new ArrayList<>();
    for (InstanceHooks hook : hooks) {
      if (hook.healthCheck() != null) {
        checks.add(onContext(hook.context(), hook.healthCheck()));
      }
    }
    if (checks.isEmpty()) {
      return Future.succeededFuture();
    }
    return bounded(Future.all(checks), candidate.label() + " health check")
        .onSuccess(v -> LOG.info("{} health check passed", candidate.label()))
        .mapEmpty();
  }

  private Future<Void> handOff(Generation candidate, List<InstanceHooks> hooks, Generation active) {
    List<InstanceHooks> activeHooks = active == null ? List.of() : active.hooks();
    StateHandOff exporter = null;
    ContextInternal exporterContext = null;
    for (InstanceHooks hook : activeHooks) {
      if (hook.handOff() != null) {
        exporter = hook.handOff();
        exporterContext = hook.context();
        break;
      }
    }
    List<InstanceHooks> importers = new ArrayList<>();
    for (InstanceHooks hook : hooks) {
      if (hook.handOff() != null) {
        importers.add(hook);
      }
    }
    if (exporter == null || importers.isEmpty()) {
      return Future.succeededFuture();
    }
    StateHandOff source = exporter;
    String version = source.version();
    Future<JsonObject> exported =
        bounded(
            onContext(exporterContext, source::exportState),
            active.label() + " state export (version " + version + ")");
    return exported.compose(
        state -> {
          if (state == null || state.isEmpty()) {
            LOG.info("{} exported no state", active.label());
            return Future.succeededFuture();
          }
          JsonObject copy = state.copy();
          List<Future<Void>> imports = new ArrayList<>();
          for (InstanceHooks importer : importers) {
            imports.add(
                onContext(
                    importer.context(),
                    () -> importer.handOff().importState(copy.copy(), version)));
          }
          return bounded(
                  Future.all(imports),
                  candidate.label() + " state import (from version " + version + ")")
              .onSuccess(
                  v ->
                      LOG.info(
                          "{} imported state version {} from {} ({} bytes)",
                          candidate.label(),
                          version,
                          active.label(),
                          copy.toBuffer().length()))
              .mapEmpty();
        });
  }

  /** Runs {@code step} on {@code context}; a null future counts as done. */
  private static <T> Future<T> onContext(
      ContextInternal context, Supplier<? extends Future<? extends T>> step) {
    Promise<T> done = context.promise();
    context.runOnContext(
        v -> {
          try {
            Future<? extends T> result = step.get();
            if (result == null) {
              done.tryComplete();
            } else {
              result.onComplete(
                  (value, failure) -> {
                    if (failure == null) {
                      done.tryComplete(value);
                    } else {
                      done.tryFail(failure);
                    }
                  });
            }
          } catch (Throwable failure) {
            done.tryFail(failure);
          }
        });
    return done.future();
  }

  private <T> Future<T> bounded(Future<T> step, String what) {
    Promise<T> outcome = hostContext.promise();
    step.onComplete(outcome);
    return outcome
        .future()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof java.util.concurrent.TimeoutException
                        ? new CheckFailedException(
                            what + " did not complete within " + timeout.toMillis() + " ms")
                        : new CheckFailedException(what + " failed: " + failure, failure)));
  }

  /** A health check or state hand-off that failed or timed out. */
  static final class CheckFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CheckFailedException(String message) {
      super(message);
    }

    CheckFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
