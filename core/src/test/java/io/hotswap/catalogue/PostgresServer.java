package io.hotswap.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class, started from the machine's PostgreSQL binaries
 * ({@code initdb}, {@code pg_ctl}, {@code createdb} on the PATH or under Debian's {@code
 * /usr/lib/postgresql/<version>/bin}) in a temp directory, on a free loopback port, with trust
 * authentication for user {@code postgres}. PostgreSQL refuses to run as root, so as root (CI) the
 * server runs as user {@code nobody} ({@code runuser}); a developer's own user runs it directly.
 *
 * <p>{@code .ci/run} installs Debian's {@code postgresql} when it is missing, and so does this
 * class as root on Debian; elsewhere, without binaries, the test fails with what to install (never
 * skipped).
 *
 * <p>Not thread-safe: start and stop it from the test thread.
 */
final class PostgresServer implements AutoCloseable {
  private static final String SERVICE_USER = "nobody";

  private final Path bin;
  private final Path base;
  private final Path data;
  private final int port;
  private final boolean asRoot;

  private PostgresServer(Path bin, Path base, int port, boolean asRoot) {
    this.bin = bin;
    this.base = base;
    this.data = base.resolve("data");
    this.port = port;
    this.asRoot = asRoot;
  }

  /** Initializes a cluster in a fresh temp directory and starts it on {@code port}. */
  static PostgresServer start(int port) {
    Path bin = binaries();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path base = Files.createTempDirectory("catalogue-pg-");
      if (asRoot) {
        UserPrincipal nobody =
            base.getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(SERVICE_USER);
        Files.setOwner(base, nobody);
      }
      PostgresServer server = new PostgresServer(bin, base, port, asRoot);
      server.run(
          "initdb",
          "-D",
          server.data.toString(),
          "-U",
          "postgres",
          "--auth=trust",
          "-E",
          "UTF8",
          "--no-locale",
          "--no-sync");
      server.run(
          "pg_ctl",
          "-D",
          server.data.toString(),
          "-l",
          base.resolve("server.log").toString(),
          "-w",
          "-t",
          "60",
          "-o",
          "-p "
              + port
              + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
              + base
              + " -c fsync=off -c full_page_writes=off",
          "start");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port the server listens on (127.0.0.1). */
  int port() {
    return port;
  }

  /** Creates the database {@code name}, owned by {@code postgres}. */
  void createDatabase(String name) {
    run("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", name);
  }

  private void run(String tool, String... arguments) {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(arguments));
    Path log = base.resolve(tool + "-" + System.nanoTime() + ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(base.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(tool + " did not finish in 90 s:\n" + Files.readString(log));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " exited "
                + process.exitValue()
                + ":\n"
                + Files.readString(log)
                + serverLog());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + tool, e);
    }
  }

  private String serverLog() throws IOException {
    Path log = base.resolve("server.log");
    return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
  }

  /**
   * The directory of {@code initdb}, {@code pg_ctl} and {@code createdb}; as root on Debian without
   * them, installs Debian's {@code postgresql} first (what {@code .ci/run} does), so that {@code
   * mvn -B verify} works on a fresh machine too.
   */
  private static Path binaries() {
    Optional<Path> found = findBinaries();
    if (found.isEmpty()
        && "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      install();
      found = findBinaries();
    }
    return found.orElseThrow(
        () ->
            new AssertionError(
                "No PostgreSQL binaries (initdb, pg_ctl) on the PATH or under /usr/lib/postgresql:"
                    + " install them (Debian: apt-get install postgresql; .ci/run does)"));
  }

  private static void install() {
    try {
      ProcessBuilder apt =
          new ProcessBuilder(
                  "bash", "-c", "apt-get update -qq && apt-get install -y -qq postgresql")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = apt.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<Path> findBinaries() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()
          && Files.isExecutable(Path.of(dir, "pg_ctl"))
          && Files.isExecutable(Path.of(dir, "initdb"))) {
        try {
          // The real directory: a PATH entry may hold links to some of the tools only.
          return Optional.of(Path.of(dir, "pg_ctl").toRealPath().getParent());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    Optional<Path> newest = Optional.empty();
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        newest =
            versions
                .map(version -> version.resolve("bin"))
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                .max(Comparator.comparing(PostgresServer::majorVersion));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return newest;
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    try {
      run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } finally {
      WorkDirs.delete(base);
    }
  }
}
