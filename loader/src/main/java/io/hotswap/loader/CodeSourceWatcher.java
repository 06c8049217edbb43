package io.hotswap.loader;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a code source for changes and reports each settled burst of them once, so that a build
 * writing many files causes one reload rather than one per file.
 *
 * <p>A directory source is watched with all its subdirectories, also those created later; a jar
 * source through its parent directory, counting only events on the jar. With a trigger file only
 * creating or modifying that file counts (the build touches it when it is done); it may lie inside
 * or outside the code source. Every counted event restarts the quiet period; {@code onSettled} runs
 * once no counted event arrived for the whole of it. The watcher only says "something changed": the
 * snapshot's content hash decides whether anything did, so files are not hashed here.
 *
 * <p>Lifecycle: {@link #start} registers the watches before it returns, so any later change is
 * seen; {@link #close()} stops the watch and both threads. If the watched directory itself is
 * deleted (a clean build removing the code source), the watch ends and a warning is logged; start a
 * new watcher once it exists again.
 *
 * <p>Threads: events are read on a daemon thread {@code hotswap-watch-events-1}, quiet periods are
 * timed and {@code onSettled} is run on a daemon thread {@code hotswap-watch-1}, so {@code
 * onSettled} never runs concurrently with itself; an exception it throws is logged and the watch
 * goes on. The class is thread-safe. The watching is done by {@code io.methvin:directory-watcher}:
 * on Linux it uses the JDK's inotify-backed watch service, registering each directory; on macOS
 * native FSEvents (the JDK's watch service there polls, taking seconds).
 */
public final class CodeSourceWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CodeSourceWatcher.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final CodeSource source;
  private final WatchScope scope;
  private final Runnable onSettled;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Debouncer debouncer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Thread schedulerThread;
  private volatile Thread eventThread;
  private DirectoryWatcher watcher;

  private CodeSourceWatcher(
      CodeSource source, WatchScope scope, WatchOptions options, Runnable onSettled) {
    this.source = source;
    this.scope = scope;
    this.onSettled = onSettled;
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1, task -> schedulerThread = daemon(task, "hotswap-watch-1"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.debouncer =
        new Debouncer(scheduler, options.quietPeriod(), System::nanoTime, this::report);
  }

  /**
   * Starts watching {@code source}; returns once the watches are registered.
   *
   * @param onSettled run once per settled burst of changes, on the watcher's timer thread
   * @return the running watcher; close it to stop
   * @throws IOException when the code source, the jar's directory or the trigger file's directory
   *     (unless the trigger file lies in the code source) does not exist, or cannot be watched
   */
  public static CodeSourceWatcher start(CodeSource source, WatchOptions options, Runnable onSettled)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(onSettled, "onSettled");
    WatchScope scope = WatchScope.of(source, options.triggerFile());
    CodeSourceWatcher watcher = new CodeSourceWatcher(source, scope, options, onSettled);
    try {
      watcher.watch();
    } catch (IOException | RuntimeException e) {
      watcher.close();
      throw e;
    }
    LOG.debug("Watching code source {} through {}", source.path(), scope.roots());
    return watcher;
  }

  /** The code source this watcher watches. */
  public CodeSource source() {
    return source;
  }

  private void watch() throws IOException {
    watcher =
        DirectoryWatcher.builder()
            .paths(scope.roots())
            .fileTreeVisitor(scope)
            .fileHashing(false) // the snapshot's content hash decides; hashing here reads twice
            .listener(new Listener())
            .build();
    // watchAsync registers the watches on this thread, then reads events on the executor's.
    CompletableFuture<Void> loop =
        watcher.watchAsync(task -> (eventThread = daemon(task, "hotswap-watch-events-1")).start());
    if (loop.isCompletedExceptionally()) {
      try {
        loop.get();
      } catch (ExecutionException e) {
        throw new IOException("Cannot watch code source " + source.path(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while starting to watch " + source.path(), e);
      }
    }
    loop.whenComplete(
        (ok, failure) -> {
          if (!closed.get()) {
            LOG.warn(
                "Stopped watching code source {}: its directory is gone or cannot be watched;"
                    + " changes are no longer reported",
                source.path(),
                failure);
          }
        });
  }

  private final class Listener implements DirectoryChangeListener {
    @Override
    public void onEvent(DirectoryChangeEvent event) {
      boolean counts = scope.counts(event);
      LOG.debug("{} {} ({})", event.eventType(), event.path(), counts ? "counted" : "ignored");
      if (counts) {
        debouncer.event();
      }
    }

    @Override
    public boolean isWatching() {
      return !closed.get();
    }

    @Override
    public void onException(Exception e) {
      LOG.warn("Error while watching code source {}", source.path(), e);
    }
  }

  private void report(Debouncer.Burst burst) {
    if (closed.get()) {
      return;
    }
    LOG.info(
        "code source {} changed ({} events in {} ms)",
        source.path(),
        burst.events(),
        burst.span().toMillis());
    try {
      onSettled.run();
    } catch (RuntimeException | Error e) {
      LOG.error("Reporting a change of code source {} failed", source.path(), e);
      if (e instanceof VirtualMachineError) {
        throw e;
      }
    }
  }

  /**
   * Stops watching: no {@code onSettled} starts after this returns. Waits up to 5 seconds for a
   * running {@code onSettled} to finish and for both threads to end. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (watcher != null) {
        watcher.close();
      }
    } catch (IOException e) {
      LOG.warn("Closing the watch of code source {} failed", source.path(), e);
    }
    scheduler.shutdown();
    Thread self = Thread.currentThread();
    if (self == schedulerThread || self == eventThread) {
      return; // closed from onSettled: waiting for ourselves would only time out
    }
    try {
      long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
      if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("onSettled for code source {} still running after close", source.path());
        scheduler.shutdownNow();
      }
      Thread events = eventThread;
      if (events != null) {
        events.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * How a {@link CodeSourceWatcher} decides that a change has settled.
   *
   * @param quietPeriod how long no counted event may arrive before a change is reported; positive
   * @param triggerFile when present, only creating or modifying this file counts as a change
   */
  public record WatchOptions(Duration quietPeriod, Optional<Path> triggerFile) {

    /** Quiet period 300 ms, no trigger file. */
    public static WatchOptions defaults() {
      return new WatchOptions(Duration.ofMillis(300), Optional.empty());
    }

    /**
     * Validates the options and makes the trigger file's path absolute.
     *
     * @throws IllegalArgumentException when the quiet period is zero or negative
     */
    public WatchOptions {
      Objects.requireNonNull(quietPeriod, "quietPeriod");
      Objects.requireNonNull(triggerFile, "triggerFile");
      if (quietPeriod.isZero() || quietPeriod.isNegative()) {
        throw new IllegalArgumentException("quietPeriod must be positive: " + quietPeriod);
      }
      triggerFile = triggerFile.map(file -> file.toAbsolutePath().normalize());
    }

    /** These options with {@code quietPeriod}. */
    public WatchOptions withQuietPeriod(Duration quietPeriod) {
      return new WatchOptions(quietPeriod, triggerFile);
    }

    /** These options with {@code triggerFile} as the trigger file. */
    public WatchOptions withTriggerFile(Path triggerFile) {
      return new WatchOptions(quietPeriod, Optional.of(triggerFile));
    }
  }
}
