package io.hotswap.maven;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the project's source and resource directories, recursively (a directory created later is
 * watched too), and runs a rebuild once they have stayed quiet for the quiet period after a change:
 * an editor's save or a {@code git checkout} of many files is one rebuild. Changes that arrive
 * while the rebuild runs make the next one.
 *
 * <p>Design: one daemon thread, {@code hotswap-source-watcher-1}, owns the {@link WatchService} and
 * runs the rebuild itself, so rebuilds never overlap. {@link #close} ends it.
 */
final class SourceWatcher implements AutoCloseable {
  private final WatchService service;
  private final Duration quietPeriod;
  private final Runnable rebuild;
  private final Thread thread;

  private SourceWatcher(WatchService service, Duration quietPeriod, Runnable rebuild) {
    this.service = service;
    this.quietPeriod = quietPeriod;
    this.rebuild = rebuild;
    this.thread = new Thread(this::loop, "hotswap-source-watcher-1");
    thread.setDaemon(true);
  }

  /** Starts watching the directories of {@code roots} that exist. */
  static SourceWatcher start(List<Path> roots, Duration quietPeriod, Runnable rebuild)
      throws IOException {
    WatchService service = FileSystems.getDefault().newWatchService();
    SourceWatcher watcher = new SourceWatcher(service, quietPeriod, rebuild);
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        watcher.registerTree(root);
      }
    }
    watcher.thread.start();
    return watcher;
  }

  private void loop() {
    try {
      while (true) {
        drain(service.take());
        // Quiet period: keep collecting until nothing happened for that long.
        WatchKey next;
        while ((next = service.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          drain(next);
        }
        rebuild.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closed: the run goal ends.
    }
  }

  /** Reads the events of a key, watching the directories that were created. */
  private void drain(WatchKey key) {
    Path dir = (Path) key.watchable();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
        Path created = dir.resolve(name);
        if (Files.isDirectory(created)) {
          try {
            registerTree(created);
          } catch (IOException | UncheckedIOException e) {
            // It went away again; the rebuild sees what is there.
          }
        }
      }
    }
    key.reset();
  }

  private void registerTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path dir : walk.filter(Files::isDirectory).toList()) {
        dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      }
    }
  }

  /** Stops watching; a rebuild that is running finishes (the thread ends after it). */
  @Override
  public void close() throws IOException {
    service.close();
  }
}
