package io.hotswap.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample Vert.x project of {@code src/it/sample} copied into a directory of the test, its pom
 * pointing at the plugin under test, with a settings file that resolves it without the network: the
 * plugin and hotswap's modules from the private repository the invoker installed them into ({@code
 * target/it-repo}), every other artifact from the outer build's local repository as a {@code file:}
 * remote, tried before Maven Central (reached only for an artifact the outer build never
 * downloaded). The outer local repository is only read.
 *
 * <p>Immutable once copied.
 */
record SampleProject(Path dir, Path settings) {
  private static final String SOURCE = "src/main/java/sample/Greeting.java";

  /** Copies the sample into {@code dir}. */
  static SampleProject copyTo(Path dir) throws IOException {
    Path sample = Path.of(property("hotswap.it.sample"));
    try (Stream<Path> walk = Files.walk(sample)) {
      for (Path from : walk.toList()) {
        Path to = dir.resolve(sample.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Path pom = dir.resolve("pom.xml");
    Files.writeString(
        pom, Files.readString(pom).replace("@hotswap.version@", property("hotswap.it.version")));
    Path settings = dir.resolve("it-settings.xml");
    String outer = Path.of(property("hotswap.it.outerRepository")).toUri().toString();
    String repository =
        "<id>outer-local</id><url>"
            + outer
            + "</url><releases><checksumPolicy>ignore</checksumPolicy></releases>"
            + "<snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(
        settings,
        "<settings>\n"
            + "  <profiles><profile><id>outer-local-repository</id>\n"
            + "    <repositories><repository>"
            + repository
            + "</repository></repositories>\n"
            + "    <pluginRepositories><pluginRepository>"
            + repository
            + "</pluginRepository></pluginRepositories>\n"
            + "  </profile></profiles>\n"
            + "  <activeProfiles><activeProfile>outer-local-repository</activeProfile>"
            + "</activeProfiles>\n"
            + "</settings>\n");
    return new SampleProject(dir, settings);
  }

  /** {@code mvn} with the settings and the private local repository, batch mode. */
  List<String> mavenCommand() {
    return List.of(
        Path.of(property("hotswap.it.mavenHome"), "bin", "mvn").toString(),
        "-B",
        "-ntp",
        "-s",
        settings.toString(),
        "-Dmaven.repo.local=" + property("hotswap.it.repository"));
  }

  /** Rewrites the body of {@code Greeting.version()}, e.g. {@code return "v2";}. */
  void greetingReturns(String statement) throws IOException {
    Files.writeString(
        dir.resolve(SOURCE),
        "package sample;\n\n"
            + "/** The version string the test edits. */\n"
            + "final class Greeting {\n"
            + "  private Greeting() {}\n\n"
            + "  static String version() {\n"
            + "    "
            + statement
            + "\n"
            + "  }\n"
            + "}\n");
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set: run the test through failsafe");
    }
    return value;
  }
}
