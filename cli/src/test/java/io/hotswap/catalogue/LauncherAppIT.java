package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.cli.HotSwapCli;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Catalogue app 12: a jar whose manifest names a main class extending {@code
 * io.vertx.launcher.application.VertxApplication} and a {@code Main-Verticle}, configured with the
 * launcher's {@code --conf}.
 *
 * <p>Both sides run in JVMs of their own, and that is the point. The plain side is {@code java -cp
 * <Vert.x and the launcher>:app.jar app.launcher.Main --conf ...}, as a user starts it. The hotswap
 * side is {@code hotswap run --code app.jar --conf ...} on a class path WITHOUT
 * vertx-launcher-application: the test JVM has the launcher on its class path (a test dependency,
 * to compile the application against it), so a generation in this JVM would link {@code
 * app.launcher.Main} against the host's copy, as {@code io.vertx.*} is always loaded from the host,
 * and hide what a user sees. In production the host ({@code bin/hotswap}) does not ship the
 * launcher, and an application's own copy in {@code lib/} is never used ({@code io.vertx.*} is
 * parent-first), so {@code Main} cannot link there: hotswap must run the main verticle all the same
 * (nothing reachable from it uses {@code Main}) and say that it left {@code Main} unlinked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherAppIT {
  private static final CatalogueApp APP =
      new CatalogueApp("launcher", "app.launcher.MainVerticle", "app.launcher.Main");
  private static final String CONF = "{\"greeting\":\"bonjour\"}";
  private static final String LAUNCHER_JAR = "vertx-launcher-application";

  private Path workDir;
  private Path v2;
  private Path codeJar;
  private String name;
  private JvmProcess plain;
  private JvmProcess hotswap;
  private Vertx clientVertx;
  private AppClient plainClient;
  private AppClient hotClient;

  @BeforeAll
  void start() throws IOException {
    workDir = Files.createTempDirectory("catalogue-launcher-");
    Path v1 = APP.jar(workDir, "v1");
    v2 = APP.jar(workDir, "v2");
    List<String> testClasspath =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> hostClasspath =
        testClasspath.stream().filter(entry -> !entry.contains(LAUNCHER_JAR)).toList();
    assertThat(hostClasspath)
        .as("the launcher is on the test class path, and only there")
        .hasSize(testClasspath.size() - 1);
    List<String> jvmArgs = new ArrayList<>(cleanupFlags());

    int plainPort = CatalogueTest.freePort();
    List<String> plainArgs = new ArrayList<>(jvmArgs);
    plainArgs.add("-Dhttp.port=" + plainPort);
    plain =
        JvmProcess.start(
            workDir,
            "plain",
            plainArgs,
            String.join(File.pathSeparator, testClasspath) + File.pathSeparator + v1,
            APP.mainClass(),
            List.of("--conf=" + CONF));

    codeJar = workDir.resolve("code").resolve("app.jar");
    Files.createDirectories(codeJar.getParent());
    CatalogueApp.install(v1, codeJar);
    int hotPort = CatalogueTest.freePort();
    name = "catalogue-launcher-" + ProcessHandle.current().pid();
    List<String> hotArgs = new ArrayList<>(jvmArgs);
    hotArgs.add("-Dhttp.port=" + hotPort);
    hotswap =
        JvmProcess.start(
            workDir,
            "hotswap",
            hotArgs,
            String.join(File.pathSeparator, hostClasspath),
            HotSwapCli.class.getName(),
            List.of("run", "--code", codeJar.toString(), "--name", name, "--conf", CONF));

    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    plainClient = new AppClient(clientVertx, plainPort);
    hotClient = new AppClient(clientVertx, hotPort);
    awaitServing(plain, plainClient);
    awaitServing(hotswap, hotClient);
  }

  /** The cleanup's --add-opens flags of this JVM, as bin/hotswap passes them. */
  private static List<String> cleanupFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("--add-opens"))
        .toList();
  }

  private static void awaitServing(JvmProcess process, AppClient client) {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .failFast("the JVM exited", () -> !process.isAlive())
          .ignoreExceptions()
          .until(() -> Harness.await(client.sendAsync(Call.get("/hello"))).status() == 200);
    } catch (RuntimeException e) {
      throw new AssertionError(e.getMessage() + "; its output:\n" + process.output(), e);
    }
  }

  @AfterAll
  void stop() {
    try {
      if (hotswap != null) {
        System.out.println("hotswap run output:\n" + hotswap.output());
        hotswap.close();
      }
      if (plain != null) {
        plain.close();
      }
    } finally {
      if (clientVertx != null) {
        Harness.await(clientVertx.close());
      }
      WorkDirs.delete(workDir);
    }
  }

  @Test
  @Order(1)
  void plainAndHotswap_answerTheSameRequestsAlike() {
    Differential diff = new Differential(text -> text);
    for (Call call : List.of(Call.get("/hello"), Call.get("/config"), Call.get("/missing"))) {
      diff.compare(call, plainClient, hotClient);
    }
    System.out.printf(
        "catalogue launcher differential: %d exchanges, %d differences%n",
        diff.calls(), diff.differences().size());
    assertThat(plainClient.send(Call.get("/hello")).body())
        .isEqualTo("bonjour from launcher app v1");
    assertThat(diff.differences()).as("differences plain vs hotswap").isEmpty();
    assertThat(hotswap.output())
        .as("hotswap says what it runs without")
        .contains("app.launcher.Main not linked")
        .contains("io/vertx/launcher/application/VertxApplication");
  }

  @Test
  @Order(2)
  void reloadUnderLoad_losesNoRequestAndServesTheNewVersion() {
    LoadDriver load =
        new LoadDriver(clientVertx, hotClient.port(), "/hello", CatalogueTest.CLIENTS).start();
    String reload;
    try {
      awaitLoad(load);
      CatalogueApp.install(v2, codeJar);
      reload = cli("reload", "--name", name);
      awaitLoad(load);
    } finally {
      load.stop();
    }
    Map<String, Integer> bodies = new TreeMap<>();
    for (HttpAnswer answer : load.answers()) {
      bodies.merge(answer.body(), 1, Integer::sum);
    }
    System.out.printf(
        "catalogue launcher reload under load: %d clients, %d sent, %d ok, %d failed, %s, %s%n",
        CatalogueTest.CLIENTS, load.sent(), load.ok(), load.failed(), bodies, reload.strip());
    assertThat(reload).contains("ACTIVATED");
    assertThat(load.failures()).as("failed requests").isEmpty();
    assertThat(load.ok()).isEqualTo(load.sent());
    assertThat(bodies.keySet())
        .containsExactly("bonjour from launcher app v1", "bonjour from launcher app v2");
    assertThat(hotClient.send(Call.get("/hello")).body()).isEqualTo("bonjour from launcher app v2");
  }

  private static void awaitLoad(LoadDriver load) {
    long before = load.sent();
    long since = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                load.sent() >= before + 200
                    && System.nanoTime() - since >= Duration.ofSeconds(1).toNanos());
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HotSwapCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return "exit " + code + ": " + out + err.toString().lines().collect(Collectors.joining(" "));
  }
}
