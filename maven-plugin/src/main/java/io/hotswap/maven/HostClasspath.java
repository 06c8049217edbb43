package io.hotswap.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.Artifact;

/**
 * The host JVM's classpath: the project's runtime dependency jars (its Vert.x, Netty, Jackson,
 * vertx-web, any third-party jar: loaded once, by the host) plus hotswap's own runtime (the
 * plugin's artifacts: {@code hotswap-cli} and what it needs). An artifact the project has too (same
 * {@code groupId:artifactId}) comes from the project, so the host runs on the application's own
 * Vert.x. The project's classes are not on it: they are the code source every generation loads.
 *
 * <p>Immutable value.
 */
record HostClasspath(List<Path> entries) {
  private static final Set<String> RUNTIME_SCOPES =
      Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_SYSTEM);

  HostClasspath {
    entries = List.copyOf(entries);
  }

  /**
   * Assembles the classpath.
   *
   * @param project the project's resolved artifacts ({@code MavenProject.getArtifacts()})
   * @param plugin the plugin's artifacts ({@code PluginDescriptor.getArtifacts()})
   * @param pluginKey the plugin's own {@code groupId:artifactId}, left out (the host does not need
   *     the mojos)
   */
  static HostClasspath assemble(
      Collection<Artifact> project, Collection<Artifact> plugin, String pluginKey) {
    Map<String, Path> byKey = new LinkedHashMap<>();
    for (Artifact artifact : project) {
      if (RUNTIME_SCOPES.contains(artifact.getScope()) && onClasspath(artifact)) {
        byKey.putIfAbsent(key(artifact), artifact.getFile().toPath());
      }
    }
    for (Artifact artifact : plugin) {
      if (!key(artifact).equals(pluginKey) && onClasspath(artifact)) {
        byKey.putIfAbsent(key(artifact), artifact.getFile().toPath());
      }
    }
    return new HostClasspath(new ArrayList<>(byKey.values()));
  }

  /** The {@code -cp} value. */
  String asArgument() {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  private static boolean onClasspath(Artifact artifact) {
    return artifact.getFile() != null
        && artifact.getArtifactHandler() != null
        && artifact.getArtifactHandler().isAddedToClasspath();
  }

  private static String key(Artifact artifact) {
    return artifact.getGroupId()
        + ":"
        + artifact.getArtifactId()
        + (artifact.getClassifier() == null || artifact.getClassifier().isEmpty()
            ? ""
            : ":" + artifact.getClassifier());
  }
}
