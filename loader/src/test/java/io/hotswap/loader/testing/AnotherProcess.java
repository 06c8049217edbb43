package io.hotswap.loader.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Asks a second JVM whether it could lock a file: a POSIX record lock never conflicts with the
 * process that holds it, so only another process can tell whether this one still holds it. The
 * second JVM runs a one-file program on the plain JDK. Stateless; thread-safe.
 */
public final class AnotherProcess {
  private static final String PROBE =
      """
      import java.nio.channels.FileChannel;
      import java.nio.file.Path;
      import java.nio.file.StandardOpenOption;

      public class Probe {
        public static void main(String[] args) throws Exception {
          try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
            System.out.print(channel.tryLock() == null ? "held" : "free");
          }
        }
      }
      """;

  private AnotherProcess() {}

  /** "held" or "free": what another process finds when it tries to lock {@code file}. */
  public static String lockStateOf(Path file, Path workDir) throws Exception {
    Path source = Files.createTempFile(workDir, "Probe", ".java");
    Files.writeString(source, PROBE.replace("class Probe", "class " + className(source)));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process probe =
        new ProcessBuilder(java, source.toString(), file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe process ended").isTrue();
    return new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  private static String className(Path source) {
    String name = source.getFileName().toString();
    return name.substring(0, name.length() - ".java".length());
  }
}
