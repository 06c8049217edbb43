package io.hotswap.internal;

import io.hotswap.HotSwapOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reload trigger for the main verticle's config file ({@code --conf <file>} with {@code --watch}):
 * polls the file's content every quiet period on one daemon thread, and when the content changed
 * and then stayed the same for one more period, asks for a reload. The new generation reads the
 * file itself, so a reload triggered here always carries the content that settled.
 *
 * <p>Thread-safe; {@link #close} stops the thread.
 */
final class ConfigFileWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatch.class);

  private final Path file;
  private final Runnable onChange;
  private final ScheduledExecutorService poller;
  private byte[] seen;
  private byte[] pending;

  private ConfigFileWatch(Path file, Runnable onChange, String applicationName) {
    this.file = file;
    this.onChange = onChange;
    this.seen = read(file);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "hotswap-conf-watch-" + applicationName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Watches the main verticle's config file of {@code options}, if it has one, every watch quiet
   * period; null when there is no file to watch.
   */
  static ConfigFileWatch ofConfigFile(HotSwapOptions options, Runnable onChange) {
    return options
        .mainDeployment()
        .configFile()
        .map(file -> start(file, options.watchQuietPeriod(), options.applicationName(), onChange))
        .orElse(null);
  }

  /** Starts polling {@code file} every {@code quietPeriod} (at least 50 ms). */
  static ConfigFileWatch start(
      Path file, Duration quietPeriod, String applicationName, Runnable onChange) {
    ConfigFileWatch watch = new ConfigFileWatch(file, onChange, applicationName);
    long period = Math.max(50, quietPeriod.toMillis());
    watch.poller.scheduleWithFixedDelay(watch::poll, period, period, TimeUnit.MILLISECONDS);
    LOG.info("{}: watching the main verticle's config file {}", applicationName, file);
    return watch;
  }

  private synchronized void poll() {
    byte[] now = read(file);
    if (Arrays.equals(now, seen)) {
      pending = null;
      return;
    }
    if (pending == null || !Arrays.equals(now, pending)) {
      pending = now; // changed: wait one period for the writer to finish
      return;
    }
    seen = now;
    pending = null;
    LOG.info("config file {} changed", file);
    try {
      onChange.run();
    } catch (RuntimeException e) {
      LOG.warn("reload after the change of {} failed to start", file, e);
    }
  }

  /** The file's bytes, or an empty array when it does not exist or cannot be read. */
  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      return new byte[0];
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", file, e.toString());
      return new byte[0];
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
