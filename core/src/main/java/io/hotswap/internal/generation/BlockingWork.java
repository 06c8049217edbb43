package io.hotswap.internal.generation;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The supervisor's one blocking thread, {@code hotswap-supervisor-1}: snapshots, class definition
 * and scans run there, never on an event loop; results come back as futures of the host context.
 * The thread is created from host code, with the host's context classloader, and runs at a lower
 * CPU priority than the event loops ({@link ReloadThreadPriority}).
 *
 * <p>Thread-safe.
 */
final class BlockingWork {
  private final ContextInternal hostContext;
  private final ExecutorService executor;

  BlockingWork(ContextInternal hostContext, ClassLoader hostLoader) {
    this.hostContext = hostContext;
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "hotswap-supervisor-1");
              thread.setDaemon(true);
              thread.setContextClassLoader(hostLoader);
              return thread;
            });
    executor.execute(ReloadThreadPriority::lowerCurrentThread);
  }

  /** Runs {@code work} on the blocking thread. */
  <T> Future<T> submit(Callable<T> work) {
    Promise<T> promise = hostContext.promise();
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.call();
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            },
            executor)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                promise.complete(value);
              } else {
                promise.fail(unwrap(failure));
              }
            });
    return promise.future();
  }

  /** Runs {@code task} on the blocking thread, for work nobody waits for. */
  void execute(Runnable task) {
    executor.execute(task);
  }

  void shutdown() {
    executor.shutdown();
  }

  /** The cause inside the wrappers of the concurrency utilities. */
  static Throwable unwrap(Throwable cause) {
    Throwable unwrapped = cause;
    while ((unwrapped instanceof CompletionException || unwrapped instanceof ExecutionException)
        && unwrapped.getCause() != null) {
      unwrapped = unwrapped.getCause();
    }
    return unwrapped;
  }
}
