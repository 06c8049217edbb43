package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.HotSwapOptions;
import io.hotswap.testing.CliRun;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Vert.x launcher options of {@code run} ({@code --conf}, {@code --instances}, {@code
 * --worker}, {@code --virtual-thread}, {@code --deployment-options}, {@code --options}) parsed into
 * {@link HotSwapOptions}, without starting anything.
 */
class RunCommandOptionsTest {
  @TempDir Path dir;

  @Test
  void launcherOptions_withMainVerticle_becomeTheMainDeployment() {
    HotSwapOptions options =
        parse(
            "--code",
            dir.toString(),
            "--main-verticle",
            "com.acme.Main",
            "--conf",
            "{\"greeting\":\"hi\"}",
            "--instances",
            "3",
            "--worker");

    assertThat(options.mainVerticle()).contains("com.acme.Main");
    DeploymentOptions main = options.mainDeployment().resolve();
    assertThat(main.getInstances()).isEqualTo(3);
    assertThat(main.getThreadingModel()).isEqualTo(ThreadingModel.WORKER);
    assertThat(main.getConfig()).isEqualTo(new JsonObject().put("greeting", "hi"));
    assertThat(options.mainDeployment().configFile()).isEmpty();
    assertThat(options.endpoints()).as("no --http in compat mode: no declared endpoint").isEmpty();
  }

  @Test
  void singleDashLauncherSpellings_areAccepted() {
    HotSwapOptions options =
        parse(
            "--code",
            dir.toString(),
            "--main-verticle",
            "com.acme.Main",
            "-conf",
            "{\"a\":1}",
            "-instances",
            "2",
            "-w");

    DeploymentOptions main = options.mainDeployment().resolve();
    assertThat(main.getInstances()).isEqualTo(2);
    assertThat(main.getThreadingModel()).isEqualTo(ThreadingModel.WORKER);
    assertThat(main.getConfig().getInteger("a")).isEqualTo(1);
  }

  @Test
  void confFile_isReadAgainForEveryGeneration() throws Exception {
    Path conf = dir.resolve("conf.json");
    Files.writeString(conf, "{\"version\":1}");
    HotSwapOptions options =
        parse("--code", dir.toString(), "--main-verticle", "M", "--conf", conf.toString());

    assertThat(options.mainDeployment().configFile()).contains(conf);
    assertThat(options.mainDeployment().resolve().getConfig().getInteger("version")).isEqualTo(1);
    Files.writeString(conf, "{\"version\":2}");
    assertThat(options.mainDeployment().resolve().getConfig().getInteger("version")).isEqualTo(2);
    Files.writeString(conf, "{not json");
    assertThatThrownBy(() -> options.mainDeployment().resolve())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(conf.toString())
        .hasMessageContaining("not a valid JSON object");
  }

  @Test
  void deploymentOptions_areOverriddenByInstancesAndWorker_asInTheLauncher() {
    HotSwapOptions options =
        parse(
            "--code",
            dir.toString(),
            "--main-verticle",
            "M",
            "--deployment-options",
            "{\"instances\":4,\"config\":{\"from\":\"options\"}}",
            "--instances",
            "2");

    DeploymentOptions main = options.mainDeployment().resolve();
    assertThat(main.getInstances()).isEqualTo(2);
    assertThat(main.getConfig().getString("from")).isEqualTo("options");
  }

  @Test
  void vertxOptions_fromJsonOrFile() throws Exception {
    assertThat(
            command("--code", dir.toString(), "--options", "{\"eventLoopPoolSize\":3}")
                .vertxOptions()
                .getEventLoopPoolSize())
        .isEqualTo(3);
    Path file = dir.resolve("vertx.json");
    Files.writeString(file, "{\"workerPoolSize\":7}");
    assertThat(
            command("--code", dir.toString(), "--vertx-options", file.toString())
                .vertxOptions()
                .getWorkerPoolSize())
        .isEqualTo(7);
  }

  @Test
  void defaults_keepTheVertxRunDeployment() {
    HotSwapOptions options = parse("--code", dir.toString(), "--main-verticle", "M");

    DeploymentOptions main = options.mainDeployment().resolve();
    assertThat(main.getInstances()).isEqualTo(1);
    assertThat(main.getThreadingModel()).isEqualTo(ThreadingModel.EVENT_LOOP);
    assertThat(main.getConfig()).isEqualTo(new JsonObject());
  }

  @Test
  void lanes_setTheEventLoopsOfEntryCode() {
    assertThat(parse("--code", dir.toString(), "--lanes", "2").lanes()).isEqualTo(2);
  }

  @Test
  void manifest_mainVerticleIsDeployed_andMainVerticleOptionWins() throws Exception {
    Path jar = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(Attributes.Name.MAIN_CLASS, "io.vertx.launcher.application.VertxApplication");
    manifest.getMainAttributes().putValue("Main-Verticle", "java:com.acme.FromManifest");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }

    assertThat(parse("--code", jar.toString()).mainVerticle()).contains("com.acme.FromManifest");
    assertThat(parse("--code", jar.toString(), "--main-verticle", "com.acme.Other").mainVerticle())
        .contains("com.acme.Other");
  }

  @Test
  void invalidValues_areUsageErrorsSayingWhy() {
    CliRun conf = cli("run", "--code", dir.toString(), "--main-verticle", "M", "--conf", "{bad");
    assertThat(conf.exitCode()).isEqualTo(2);
    assertThat(conf.err()).contains("--conf takes a JSON file or a JSON object");

    CliRun noMain = cli("run", "--code", dir.toString(), "--instances", "2");
    assertThat(noMain.exitCode()).isEqualTo(2);
    assertThat(noMain.err()).contains("apply to the main verticle").contains("--lanes");

    CliRun both = cli("run", "--code", dir.toString(), "--main-verticle", "M", "-w", "-vt");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("exclude each other");

    CliRun zero = cli("run", "--code", dir.toString(), "--main-verticle", "M", "--instances", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--instances takes 1 or more");
  }

  @Test
  void virtualThread_needsJdk21() {
    CliRun run = cli("run", "--code", dir.toString(), "--main-verticle", "M", "--virtual-thread");
    if (Runtime.version().feature() < 21) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--virtual-thread needs JDK 21 or later");
    } else {
      HotSwapOptions options =
          parse("--code", dir.toString(), "--main-verticle", "M", "--virtual-threads");
      assertThat(options.mainDeployment().resolve().getThreadingModel())
          .isEqualTo(ThreadingModel.VIRTUAL_THREAD);
    }
  }

  private HotSwapOptions parse(String... args) {
    return command(args).options().build();
  }

  private static RunCommand command(String... args) {
    RunCommand command = new RunCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
