package io.hotswap.maven;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * One rebuild after a source change: compile into a fresh staging directory; on a compile error
 * print the compiler's messages and stop there (the active generation keeps serving the classes it
 * has); on success make the code source hold the new build and reload the host through the command
 * line's MXBean ({@link HostConnection}), printing the outcome line {@code hotswap reload} prints.
 *
 * <p>Run by the source watcher's thread only, one rebuild at a time.
 */
final class Rebuild {
  private final SourceCompiler compiler;
  private final Path staging;
  private final Path codeSource;
  private final HostConnection host;
  private final String name;
  private final Log log;

  Rebuild(
      SourceCompiler compiler,
      Path staging,
      Path codeSource,
      HostConnection host,
      String name,
      Log log) {
    this.compiler = compiler;
    this.staging = staging;
    this.codeSource = codeSource;
    this.host = host;
    this.name = name;
    this.log = log;
  }

  /** Rebuilds and reloads; failures are printed, never thrown: the watch goes on. */
  void run() {
    try {
      long started = System.nanoTime();
      CodeSourceSync.deleteTree(staging);
      SourceCompiler.Build build = compiler.compile(staging);
      long compiled = System.nanoTime();
      if (!build.succeeded()) {
        log.error(
            "hotswap: compilation failed ("
                + build.errors().size()
                + " errors); '"
                + name
                + "' keeps serving the previous build:");
        build.errors().forEach(log::error);
        return;
      }
      CodeSourceSync.Changes changes = CodeSourceSync.apply(staging, codeSource);
      if (changes.none()) {
        log.info(
            "hotswap: compiled "
                + build.sources()
                + " sources in "
                + millis(started, compiled)
                + " ms; the classes did not change, no reload");
        return;
      }
      log.info(
          "hotswap: compiled "
              + build.sources()
              + " sources in "
              + millis(started, compiled)
              + " ms ("
              + changes.written()
              + " files written, "
              + changes.deleted()
              + " deleted); reloading '"
              + name
              + "'");
      long reloading = System.nanoTime();
      CliCommand.Result reload = host.reload();
      String timing = " (reload " + millis(reloading, System.nanoTime()) + " ms)";
      if (reload.succeeded()) {
        log.info("hotswap: " + reload.text() + timing);
      } else {
        log.error("hotswap: reload failed, the active generation keeps serving" + timing + ":");
        reload.text().lines().forEach(log::error);
      }
    } catch (IOException | RuntimeException e) {
      log.error("hotswap: rebuild failed: " + e, e);
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
