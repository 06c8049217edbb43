package io.hotswap.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class RunMojoTest {
  @Test
  void runArgs_vertxVerticleProperty_runsItAsMainVerticleWithoutWatch() {
    RunMojo run = mojo();
    run.project.getProperties().setProperty("vertx.verticle", "com.acme.MainVerticle");
    run.conf = "{\"http.port\":9000}";
    run.lanes = 2;

    assertThat(run.runArgs(Path.of("/app/target/classes")))
        .containsExactly(
            "--code", "/app/target/classes",
            "--name", "app",
            "--main-verticle", "com.acme.MainVerticle",
            "--conf", "{\"http.port\":9000}",
            "--lanes", "2")
        .doesNotContain("--watch");
  }

  @Test
  void mainVerticle_parameterOverProperties_andNoneWithoutEither() {
    RunMojo run = mojo();
    assertThat(run.mainVerticle()).isNull();
    run.project.getProperties().setProperty("main.verticle", "com.acme.Other");
    assertThat(run.mainVerticle()).isEqualTo("com.acme.Other");
    run.mainVerticle = "com.acme.Chosen";
    assertThat(run.mainVerticle()).isEqualTo("com.acme.Chosen");
  }

  @Test
  void mainVerticle_jarPluginManifestEntry_isTheDefault() {
    RunMojo run = mojo();
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom archive = new Xpp3Dom("archive");
    Xpp3Dom entries = new Xpp3Dom("manifestEntries");
    Xpp3Dom mainVerticle = new Xpp3Dom("Main-Verticle");
    mainVerticle.setValue("com.acme.FromManifest");
    entries.addChild(mainVerticle);
    archive.addChild(entries);
    configuration.addChild(archive);
    run.project.getBuild().addPlugin(plugin("maven-jar-plugin", configuration));

    assertThat(run.mainVerticle()).isEqualTo("com.acme.FromManifest");
  }

  @Test
  void release_propertyThenCompilerConfigurationThen17() {
    assertThat(mojo().release()).isEqualTo("17");
    RunMojo run = mojo();
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom release = new Xpp3Dom("release");
    release.setValue("21");
    configuration.addChild(release);
    run.project.getBuild().addPlugin(plugin("maven-compiler-plugin", configuration));
    assertThat(run.release()).isEqualTo("21");
    run.project.getProperties().setProperty("maven.compiler.release", "19");
    assertThat(run.release()).isEqualTo("19");
  }

  private static Plugin plugin(String artifactId, Xpp3Dom configuration) {
    Plugin plugin = new Plugin();
    plugin.setGroupId("org.apache.maven.plugins");
    plugin.setArtifactId(artifactId);
    plugin.setConfiguration(configuration);
    return plugin;
  }

  private static RunMojo mojo() {
    RunMojo run = new RunMojo();
    run.project = new MavenProject();
    run.name = "app";
    return run;
  }
}
