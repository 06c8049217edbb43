package io.hotswap.internal;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails fast when hotswap runs on a Vert.x it does not support: hotswap reaches into Vert.x
 * internals ({@code io.vertx.core.internal}), which change between minor versions, so it names the
 * versions it is built and tested for. Supported are the lines {@link #SUPPORTED_LINES} (5.0.x and
 * 5.1.x), each with a build of its own: a build compiled for one line ({@link CompiledVertxLine})
 * refuses the other, because some of its classes implement Vert.x interfaces whose signatures
 * differ (README, "Vert.x versions").
 *
 * <p>The running version is the one vertx-core states in {@code META-INF/vertx/vertx-version.txt}
 * (a jar's manifest may be the application's in a shaded jar), else the implementation version of
 * its package. The decision ({@link #problem}) is separate from the reading so it can be tested
 * without another Vert.x.
 *
 * <p>Thread-safety: stateless.
 */
public final class VertxVersionCheck {
  private static final Logger LOG = LoggerFactory.getLogger(VertxVersionCheck.class);

  /** The {@code major.minor} lines of Vert.x that hotswap supports, oldest first. */
  static final List<String> SUPPORTED_LINES = List.of("5.0", "5.1");

  static final String VERSION_RESOURCE = "/META-INF/vertx/vertx-version.txt";

  private static final Pattern LINE = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.\\-].*)?$");

  private VertxVersionCheck() {}

  /**
   * Checks the Vert.x on the class path; logs a warning and goes on when its version cannot be read
   * (hotswap cannot tell, so it does not refuse).
   *
   * @throws IllegalStateException naming the found and the supported versions, when the running
   *     Vert.x is not one this build supports
   */
  public static void requireSupported() {
    Optional<String> found = runningVersion();
    if (found.isEmpty()) {
      LOG.warn(
          "cannot tell the version of Vert.x (no {} in vertx-core, no implementation version);"
              + " hotswap supports {}",
          VERSION_RESOURCE,
          supported());
      return;
    }
    Optional<String> problem = problem(found.get(), CompiledVertxLine.LINE);
    if (problem.isPresent()) {
      throw new IllegalStateException(problem.get());
    }
  }

  /**
   * Why hotswap compiled for {@code compiledLine} cannot run on Vert.x {@code found}, or empty when
   * it can.
   */
  static Optional<String> problem(String found, String compiledLine) {
    Optional<String> line = line(found);
    if (line.isEmpty() || !SUPPORTED_LINES.contains(line.get())) {
      return Optional.of(
          "hotswap does not support Vert.x "
              + found
              + " (found vertx-core "
              + found
              + " on the class path): hotswap supports "
              + supported());
    }
    if (!line.get().equals(compiledLine)) {
      return Optional.of(
          "this hotswap build is compiled for Vert.x "
              + compiledLine
              + ".x, found Vert.x "
              + found
              + " on the class path: hotswap supports "
              + supported()
              + ", each with its own build (build hotswap with -Dvertx.line="
              + line.get()
              + " for Vert.x "
              + found
              + ")");
    }
    return Optional.empty();
  }

  /** The {@code major.minor} of a version such as {@code 5.1.6} or {@code 5.2.0-SNAPSHOT}. */
  static Optional<String> line(String version) {
    Matcher m = LINE.matcher(version.trim());
    return m.matches() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
  }

  /** The version of the Vert.x core on the class path, if it says. */
  static Optional<String> runningVersion() {
    try (InputStream in = Vertx.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!text.isEmpty()) {
          return Optional.of(text);
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", VERSION_RESOURCE, e.toString());
    }
    return Optional.ofNullable(Vertx.class.getPackage().getImplementationVersion());
  }

  private static String supported() {
    return String.join(".x and ", SUPPORTED_LINES) + ".x";
  }
}
