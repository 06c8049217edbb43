package io.hotswap.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * {@code mvn hotswap:run}: compiles the project, runs it in a host JVM with hot reload ({@code
 * hotswap run --code target/classes}) and stays in the foreground until Ctrl-C or {@code
 * hotswap:stop}. Every change under the source and resource directories recompiles the main sources
 * in this JVM; a build that compiles replaces {@code target/classes} and reloads the host, printing
 * the outcome, while a compile error prints the compiler's messages and the active generation keeps
 * serving.
 *
 * <p>A Maven mojo: configured, then executed once; rebuilds run on the source watcher's thread.
 */
@Mojo(
    name = "run",
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RunMojo extends AbstractMojo {
  private static final String DEFAULT_RELEASE = "17";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  /** The code source the host reloads from: the project's classes. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
  String outputDirectory;

  /** Instance name, for {@code hotswap:status}/{@code reload}/{@code stop} and the MXBean. */
  @Parameter(property = "hotswap.name", defaultValue = "${project.artifactId}")
  String name;

  /**
   * The application's main verticle, deployed as each generation's entry (compat mode). Default:
   * the {@code vertx.verticle} or {@code main.verticle} property of the project (the
   * vertx-maven-plugin's), else the {@code Main-Verticle} manifest entry the jar plugin writes;
   * without any, the host runs the project's {@code @GenerationEntry} classes behind an HTTP
   * endpoint.
   */
  @Parameter(property = "hotswap.mainVerticle")
  String mainVerticle;

  /**
   * Port of the host's declared HTTP endpoint ({@code --http}). A main verticle opens its own
   * ports, so give it only to declare an endpoint besides them; without a main verticle the host's
   * default (8080) applies.
   */
  @Parameter(property = "hotswap.http")
  Integer http;

  /** The main verticle's {@code config()}: a JSON file or a JSON object ({@code --conf}). */
  @Parameter(property = "hotswap.conf")
  String conf;

  /**
   * Bound on a retiring generation's in-flight work, e.g. {@code 30s} ({@code --drain-timeout}).
   */
  @Parameter(property = "hotswap.drainTimeout")
  String drainTimeout;

  /** Event loops (lanes) to serve on; 0 = all ({@code --lanes}). */
  @Parameter(property = "hotswap.lanes")
  Integer lanes;

  /** More options of {@code hotswap run}, e.g. {@code --event-bus}, {@code --instances}. */
  @Parameter List<String> arguments = new ArrayList<>();

  /** Extra JVM flags of the host, space-separated, after the default ones (the last one wins). */
  @Parameter(property = "hotswap.jvmArgs")
  String jvmArgs;

  /** How long the sources must stay quiet after a change before the rebuild, in milliseconds. */
  @Parameter(property = "hotswap.quietPeriod", defaultValue = "300")
  long quietPeriod;

  /** How long the host may take to serve its first generation, in seconds. */
  @Parameter(property = "hotswap.startTimeout", defaultValue = "300")
  long startTimeout;

  /** How long the host may take to drain and exit when the build stops it, in seconds. */
  @Parameter(property = "hotswap.stopTimeout", defaultValue = "60")
  long stopTimeout;

  @Override
  public void execute() throws MojoExecutionException {
    Path classes = Path.of(outputDirectory);
    if (!Files.isDirectory(classes)) {
      throw new MojoExecutionException("no classes to run: " + classes + " does not exist");
    }
    if (arguments.contains("--watch")) {
      throw new MojoExecutionException(
          "hotswap:run reloads after each build it compiles: leave --watch out of <arguments>"
              + " (the host would reload a second time on the same change)");
    }
    SourceCompiler compiler = compiler();
    Path work = Path.of(project.getBuild().getDirectory(), "hotswap");
    HostProcess host = startHost(classes, work);
    try {
      if (!host.awaitServing(Duration.ofSeconds(startTimeout))) {
        String why =
            host.exitCode()
                .map(code -> "it exited " + code)
                .orElse("not within " + startTimeout + " s");
        host.close();
        throw new MojoExecutionException(
            "the host did not serve '" + name + "' (" + why + "; its output above says why)");
      }
      int exitCode = watchUntilExit(host, compiler, classes, work);
      if (exitCode != 0) {
        throw new MojoExecutionException("the host (pid " + host.pid() + ") exited " + exitCode);
      }
      getLog().info("hotswap: '" + name + "' stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      host.close();
      throw new MojoExecutionException("interrupted", e);
    } catch (IOException e) {
      host.close();
      throw new MojoExecutionException("cannot watch the sources: " + e.getMessage(), e);
    }
  }

  private HostProcess startHost(Path classes, Path work) throws MojoExecutionException {
    try {
      return HostProcess.start(
          HostClasspath.assemble(
              project.getArtifacts(),
              plugin.getArtifacts(),
              plugin.getGroupId() + ":" + plugin.getArtifactId()),
          hostJvmArgs(work),
          runArgs(classes),
          name,
          project.getBasedir().toPath(),
          Duration.ofSeconds(stopTimeout),
          line -> getLog().info(line));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot start the host JVM: " + e.getMessage(), e);
    }
  }

  /** Rebuilds and reloads on every source change until the host ends; its exit code. */
  private int watchUntilExit(HostProcess host, SourceCompiler compiler, Path classes, Path work)
      throws IOException, InterruptedException {
    HostConnection connection = new HostConnection(host.pid(), name);
    Rebuild rebuild =
        new Rebuild(compiler, work.resolve("staging"), classes, connection, name, getLog());
    SourceWatcher watcher =
        SourceWatcher.start(watchedRoots(), Duration.ofMillis(quietPeriod), rebuild::run);
    getLog().info("hotswap: watching " + watchedRoots() + "; Ctrl-C or mvn hotswap:stop ends");
    try {
      connection.open();
      return host.awaitExit();
    } finally {
      watcher.close();
      connection.close();
    }
  }

  /** The arguments of {@code hotswap run}; never {@code --watch}: the plugin triggers reloads. */
  List<String> runArgs(Path classes) {
    List<String> args = new ArrayList<>(List.of("--code", classes.toString(), "--name", name));
    String main = mainVerticle();
    if (main != null) {
      args.addAll(List.of("--main-verticle", main));
    }
    if (http != null) {
      args.addAll(List.of("--http", http.toString()));
    }
    if (conf != null) {
      args.addAll(List.of("--conf", conf));
    }
    if (drainTimeout != null) {
      args.addAll(List.of("--drain-timeout", drainTimeout));
    }
    if (lanes != null) {
      args.addAll(List.of("--lanes", lanes.toString()));
    }
    args.addAll(arguments);
    return args;
  }

  /**
   * {@code mainVerticle}, else the project's {@code vertx.verticle} or {@code main.verticle}
   * property, else the {@code Main-Verticle} manifest entry of its jar plugin's configuration.
   */
  String mainVerticle() {
    if (mainVerticle != null && !mainVerticle.isBlank()) {
      return mainVerticle.trim();
    }
    for (String property : List.of("vertx.verticle", "main.verticle")) {
      String value = project.getProperties().getProperty(property);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    // The jar's manifest entry, as `hotswap run --code app.jar` would read it.
    Xpp3Dom entry =
        child(
            pluginConfiguration("org.apache.maven.plugins:maven-jar-plugin"),
            "archive",
            "manifestEntries",
            "Main-Verticle");
    return entry == null || entry.getValue() == null || entry.getValue().isBlank()
        ? null
        : entry.getValue().trim();
  }

  private Xpp3Dom pluginConfiguration(String key) {
    Plugin plugin = project.getPlugin(key);
    return plugin != null && plugin.getConfiguration() instanceof Xpp3Dom config ? config : null;
  }

  private static Xpp3Dom child(Xpp3Dom dom, String... path) {
    Xpp3Dom found = dom;
    for (String name : path) {
      found = found == null ? null : found.getChild(name);
    }
    return found;
  }

  private List<String> hostJvmArgs(Path work) throws IOException {
    Files.createDirectories(work);
    Path logback = work.resolve("logback.xml");
    try (InputStream config = RunMojo.class.getResourceAsStream("host-logback.xml")) {
      Files.copy(Objects.requireNonNull(config), logback, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> args = new ArrayList<>(List.of("-Dlogback.configurationFile=" + logback));
    if (jvmArgs != null && !jvmArgs.isBlank()) {
      args.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
    }
    return args;
  }

  private SourceCompiler compiler() throws MojoExecutionException {
    List<String> classpath = new ArrayList<>();
    try {
      for (String element : project.getCompileClasspathElements()) {
        // The classes of the previous build are not an input: a deleted class must not resolve.
        if (!Path.of(element).equals(Path.of(outputDirectory))) {
          classpath.add(element);
        }
      }
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the compile classpath is not resolved", e);
    }
    String encoding = project.getProperties().getProperty("project.build.sourceEncoding");
    return new SourceCompiler(
        sourceRoots(),
        resourceRoots(),
        classpath,
        release(),
        encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
  }

  /** The project's own source directories (generated ones under target/ are the compiler's). */
  private List<Path> sourceRoots() {
    Path build = Path.of(project.getBuild().getDirectory());
    return project.getCompileSourceRoots().stream()
        .map(Path::of)
        .filter(root -> !root.startsWith(build))
        .toList();
  }

  private List<Path> resourceRoots() {
    return project.getResources().stream()
        .map(resource -> Path.of(resource.getDirectory()))
        .toList();
  }

  private List<Path> watchedRoots() {
    List<Path> roots = new ArrayList<>(sourceRoots());
    roots.addAll(resourceRoots());
    return roots;
  }

  /** {@code maven.compiler.release}, else the compiler plugin's {@code release}, else 17. */
  String release() {
    String release = project.getProperties().getProperty("maven.compiler.release");
    if (isVersion(release)) {
      return release.trim();
    }
    Xpp3Dom configured =
        child(pluginConfiguration("org.apache.maven.plugins:maven-compiler-plugin"), "release");
    return configured != null && isVersion(configured.getValue())
        ? configured.getValue().trim()
        : DEFAULT_RELEASE;
  }

  private static boolean isVersion(String value) {
    return value != null && value.trim().toLowerCase(Locale.ROOT).matches("[0-9]+");
  }
}
