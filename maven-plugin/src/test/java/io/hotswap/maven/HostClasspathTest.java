package io.hotswap.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class HostClasspathTest {
  @Test
  void assemble_projectAndPluginShareAnArtifact_takesTheProjectsVersion() {
    List<Artifact> project =
        List.of(
            artifact("io.vertx", "vertx-core", "5.0.9", "compile"),
            artifact("io.vertx", "vertx-web", "5.0.9", "compile"),
            artifact("org.postgresql", "postgresql", "42.7.4", "runtime"),
            artifact("org.junit.jupiter", "junit-jupiter", "5.14.4", "test"),
            artifact("jakarta.servlet", "servlet-api", "6.0.0", "provided"));
    List<Artifact> plugin =
        List.of(
            artifact("io.hotswap", "hotswap-maven-plugin", "1.0", null),
            artifact("io.hotswap", "hotswap-cli", "1.0", null),
            artifact("io.vertx", "vertx-core", "5.0.7", null),
            artifact("info.picocli", "picocli", "4.7.7", null));

    HostClasspath classpath =
        HostClasspath.assemble(project, plugin, "io.hotswap:hotswap-maven-plugin");

    assertThat(classpath.entries().stream().map(path -> path.getFileName().toString()))
        .containsExactly(
            "vertx-core-5.0.9.jar",
            "vertx-web-5.0.9.jar",
            "postgresql-42.7.4.jar",
            "hotswap-cli-1.0.jar",
            "picocli-4.7.7.jar");
    assertThat(classpath.asArgument()).contains(File.pathSeparator);
  }

  private static Artifact artifact(String group, String id, String version, String scope) {
    DefaultArtifactHandler jar = new DefaultArtifactHandler("jar");
    jar.setAddedToClasspath(true);
    DefaultArtifact artifact = new DefaultArtifact(group, id, version, scope, "jar", null, jar);
    artifact.setFile(Path.of("/repo", id + "-" + version + ".jar").toFile());
    return artifact;
  }
}
