package io.hotswap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * One node JVM of {@link ClusterNodes}: its name, process, log and HTTP port once it serves.
 *
 * <p>Not thread-safe; used from the test thread.
 */
public final class ClusterNode {
  private static final Pattern SERVING = Pattern.compile("serving http://localhost:(\\d+)/");

  private final String name;
  private final Process process;
  private final Path log;
  private final long startedNanos = System.nanoTime();
  private int httpPort = -1;
  private Duration startup;

  ClusterNode(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Waits (at most {@code bound}) until the node logs that it serves, and reads its port. */
  void awaitServing(Duration bound, String logs) {
    Awaitility.await(name + " to serve; " + logs)
        .atMost(bound)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    name + " exited early with " + process.exitValue() + ":\n" + output());
              }
              Matcher serving = SERVING.matcher(output());
              if (serving.find()) {
                httpPort = Integer.parseInt(serving.group(1));
                return true;
              }
              return false;
            });
    startup = Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** The instance name, {@code node-a} etc. */
  public String name() {
    return name;
  }

  /** The port of the HTTP endpoint {@code api}; -1 until the node serves. */
  public int httpPort() {
    return httpPort;
  }

  /** The node's process id. */
  public long pid() {
    return process.pid();
  }

  /** The node's log file (stdout and stderr). */
  public Path log() {
    return log;
  }

  /** From launch until the node served, or null when it never did. */
  public Duration startup() {
    return startup;
  }

  /** Whether the JVM is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the node wrote so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the node to end by itself and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + "; log " + log);
    }
    return process.exitValue();
  }

  /** Kills the JVM at once (SIGKILL) and waits for it to end. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + pid() + ") did not die in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ", http " + httpPort + ", log " + log + ")";
  }
}
