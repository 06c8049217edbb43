package io.hotswap.internal.generation;

import io.hotswap.internal.cleanup.GenerationCleaner;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.loader.GenerationClassLoader;
import io.hotswap.loader.LoaderTracker;
import io.hotswap.loader.TrackedLoader;
import io.hotswap.loader.cleanup.LeakInspector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a replaced generation from DRAINING to RETIRED: waits for its in-flight work (bounded by
 * the drain timeout, then answers what is left with a 503 or a failed reply), undeploys it (which
 * closes its contexts, timers and consumers), drops every host reference to it, releases what its
 * code left in the process ({@link GenerationCleaner}: threads, hooks, ThreadLocals, drivers, ...),
 * and hands its loader to the tracker, whose verdict makes it COLLECTED or LEAKED; a LEAKED verdict
 * names what still holds the loader ({@link LeakInspector}).
 *
 * <p>Thread-safe: each retirement is a chain of futures on the host context; the count of
 * retirements in progress is guarded by this object.
 */
final class Retirement implements ReloadPhases.Retire {
  private static final Logger LOG = LoggerFactory.getLogger(Retirement.class);

  private final ContextInternal hostContext;
  private final ReloadPhases.Stop stopper;
  private final LoaderTracker tracker;
  private final Duration drainTimeout;
  private final GenerationCleaner cleaner;
  private final LeakInspector inspector;
  private int inProgress;
  private Promise<Void> idle;

  Retirement(
      ContextInternal hostContext,
      ReloadPhases.Stop stopper,
      LoaderTracker tracker,
      Duration drainTimeout,
      GenerationCleaner cleaner,
      LeakInspector inspector) {
    this.hostContext = hostContext;
    this.stopper = stopper;
    this.tracker = tracker;
    this.drainTimeout = drainTimeout;
    this.cleaner = cleaner;
    this.inspector = inspector;
  }

  /** Drains, undeploys and releases {@code generation}, which must be DRAINING. */
  @Override
  public void retire(Generation generation) {
    synchronized (this) {
      inProgress++;
    }
    long began = System.nanoTime();
    InflightLedger ledger = generation.ledger();
    Promise<Void> drained = hostContext.promise();
    ledger.drained().onComplete(drained);
    drained
        .future()
        .timeout(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(
            v -> {
              LOG.info(
                  "{} drained in {} ms",
                  generation.label(),
                  Duration.ofNanos(System.nanoTime() - began).toMillis());
              return v;
            })
        .recover(timeout -> cancelInFlight(generation, ledger))
        .compose(v -> stopper.undeploy(generation))
        .compose(v -> ledger.figures().onSuccess(generation::countedAtRetirement).<Void>mapEmpty())
        .transform(undeployed -> releaseAndTrack(generation, () -> retired(generation, began)))
        .onComplete(released -> finished());
  }

  private Future<Void> cancelInFlight(Generation generation, InflightLedger ledger) {
    return ledger
        .cancelAll()
        .map(
            cancelled -> {
              generation.cancelledAtDrain(cancelled);
              LOG.warn(
                  "{} drain timeout ({} ms): {} requests or messages still in flight were answered"
                      + " by the host (HTTP 503, Connection: close)",
                  generation.label(),
                  drainTimeout.toMillis(),
                  cancelled);
              return null;
            });
  }

  private Future<Void> closeLater(GenerationFiles files) {
    return hostContext.executeBlocking(
        () -> {
          files.close();
          return null;
        },
        false);
  }

  /** Releases a generation that FAILED (already undeployed) and tracks its loader. */
  @Override
  public void release(Generation failed) {
    releaseAndTrack(failed, () -> {});
  }

  private static void retired(Generation generation, long stoppedTakingTraffic) {
    generation.retired(
        Duration.ofNanos(System.nanoTime() - stoppedTakingTraffic).toMillis()
            + " ms after it stopped taking traffic ("
            + generation.info().cancelledAtDrain()
            + " cancelled at the drain timeout)");
  }

  /**
   * Drops the host's references, then runs {@code released} (a drained generation becomes RETIRED),
   * cleans what its code left behind on a worker thread (the cleanup joins threads), then tracks
   * the loader; completes when tracking began. Never fails.
   */
  private Future<Void> releaseAndTrack(Generation generation, Runnable released) {
    String label = generation.label();
    GenerationClassLoader loader = generation.loader();
    GenerationFiles files = generation.files();
    generation.release();
    released.run();
    if (loader == null) {
      return files == null ? Future.succeededFuture() : closeLater(files);
    }
    WeakReference<ClassLoader> weak = new WeakReference<>(loader);
    return hostContext
        .<Void>executeBlocking(
            () -> {
              if (files != null) {
                files.close();
              }
              cleaner.clean(label, loader);
              track(generation, weak, tracker.track(label, loader));
              return null;
            },
            false)
        .recover(
            failure -> {
              LOG.error("{}: cleanup failed", label, failure);
              return Future.succeededFuture();
            });
  }

  private void track(
      Generation generation, WeakReference<ClassLoader> loader, TrackedLoader tracked) {
    tracked
        .fate()
        .thenAccept(
            fate -> {
              switch (fate) {
                case COLLECTED -> generation.collected(tracked.timeToCollection());
                case LEAKED -> explainLeak(generation, loader);
                default -> {
                  // no verdict: the tracker was closed
                }
              }
            });
  }

  /**
   * Names what holds a LEAKED generation's loader, off the tracker thread (it may dump the heap).
   */
  private void explainLeak(Generation generation, WeakReference<ClassLoader> loader) {
    hostContext
        .executeBlocking(() -> inspector.explain(generation.label(), loader), false)
        .onComplete(
            explained ->
                generation.leaked(
                    explained.succeeded()
                        ? explained.result()
                        : "its classloader is still reachable (" + explained.cause() + ")"));
  }

  /** Completes when no retirement is in progress. */
  Future<Void> allRetired() {
    synchronized (this) {
      if (inProgress == 0) {
        return Future.succeededFuture();
      }
      if (idle == null) {
        idle = Promise.promise();
      }
      return idle.future();
    }
  }

  private void finished() {
    Promise<Void> waiting = null;
    synchronized (this) {
      inProgress--;
      if (inProgress == 0 && idle != null) {
        waiting = idle;
        idle = null;
      }
    }
    if (waiting != null) {
      waiting.complete();
    }
  }
}
