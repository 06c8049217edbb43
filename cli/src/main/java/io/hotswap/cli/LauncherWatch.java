package io.hotswap.cli;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a host JVM whose launcher is gone. {@link HostProcess} passes a TERM or Ctrl-C on to the
 * host it started, but a launcher killed outright (SIGKILL from a supervisor's final stop, the
 * kernel's OOM killer) cannot: without this watch its host would live on as an orphan, holding the
 * port and the instance name, so that the supervisor's restart is refused as "already running". The
 * host stops as a TERM would stop it: it drains, closes and exits.
 *
 * <p>Stateless; thread-safe.
 */
final class LauncherWatch {
  /** Set on the host JVM by its launcher: the launcher's process id. */
  static final String LAUNCHER_PID_PROPERTY = "hotswap.launcher.pid";

  private static final Logger LOG = LoggerFactory.getLogger(LauncherWatch.class);

  private LauncherWatch() {}

  /**
   * Runs {@code stop} once the launcher named by {@link #LAUNCHER_PID_PROPERTY} has exited (at once
   * when it is already gone); nothing when this JVM has no launcher.
   */
  static void start(String name, Runnable stop) {
    Long pid = Long.getLong(LAUNCHER_PID_PROPERTY);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> launcher = ProcessHandle.of(pid);
    if (launcher.isEmpty() || !launcher.get().isAlive()) {
      LOG.warn("'{}': the launcher (pid {}) is gone: stopping", name, pid);
      stop.run();
      return;
    }
    launcher
        .get()
        .onExit()
        .thenRun(
            () -> {
              LOG.warn("'{}': the launcher (pid {}) exited: stopping", name, pid);
              stop.run();
            });
  }
}
