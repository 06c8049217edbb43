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
  void release_propertyThenCompilerConfigurationThen17() {
    assertThat(mojo().release()).isEqualTo("17");
    RunMojo run = mojo();
    Plugin compiler = new Plugin();
    compiler.setGroupId("org.apache.maven.plugins");
    compiler.setArtifactId("maven-compiler-plugin");
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom release = new Xpp3Dom("release");
    release.setValue("21");
    configuration.addChild(release);
    compiler.setConfiguration(configuration);
    run.project.getBuild().addPlugin(compiler);
    assertThat(run.release()).isEqualTo("21");
    run.project.getProperties().setProperty("maven.compiler.release", "19");
    assertThat(run.release()).isEqualTo("19");
  }

  private static RunMojo mojo() {
    RunMojo run = new RunMojo();
    run.project = new MavenProject();
    run.name = "app";
    return run;
  }
}
