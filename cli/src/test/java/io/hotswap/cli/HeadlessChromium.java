package io.hotswap.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A headless Chromium driven through chromedriver's W3C WebDriver HTTP API with {@code
 * java.net.http} (no Selenium): start chromedriver, open one session, navigate, run scripts, click,
 * take screenshots. The browser runs with the flags a machine without network needs (no QUIC, no
 * background networking, no component updates, no sync) and a fresh profile directory.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages; {@link #start} fails
 * with what to install when they are missing. Not thread-safe; one per test.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Process driver;
  private final Path driverLog;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String session;

  private HeadlessChromium(Process driver, Path driverLog, URI base) {
    this.driver = driver;
    this.driverLog = driverLog;
    this.base = base;
  }

  /** Starts chromedriver and a browser session; profile and logs go under {@code workDir}. */
  static HeadlessChromium start(Path workDir) throws IOException {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(
            binary
                + " is missing: the dashboard test needs a real browser; install Debian's packages"
                + " with `apt-get install -y chromium chromium-driver`");
      }
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = workDir.resolve("chromedriver.log");
    Process driver =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--log-path=" + log)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("chromedriver.out").toFile())
            .start();
    HeadlessChromium chromium =
        new HeadlessChromium(driver, log, URI.create("http://127.0.0.1:" + port));
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  chromium.call("GET", "/status", null).getJsonObject("value").getBoolean("ready"));
      chromium.open(Files.createTempDirectory(workDir, "chromium-profile-"));
      return chromium;
    } catch (RuntimeException | Error e) {
      chromium.close();
      throw e;
    }
  }

  private void open(Path profile) {
    JsonArray args =
        new JsonArray(
            List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile));
    JsonObject capabilities =
        new JsonObject()
            .put(
                "capabilities",
                new JsonObject()
                    .put(
                        "alwaysMatch",
                        new JsonObject()
                            .put("browserName", "chrome")
                            .put(
                                "goog:chromeOptions",
                                new JsonObject()
                                    .put("binary", CHROMIUM.toString())
                                    .put("args", args))));
    session = call("POST", "/session", capabilities).getJsonObject("value").getString("sessionId");
  }

  /** Loads {@code url} and waits for the document. */
  void navigate(String url) {
    session("POST", "/url", new JsonObject().put("url", url));
  }

  /** Runs {@code script} (a function body) in the page and returns its value. */
  Object script(String script) {
    return session(
            "POST",
            "/execute/sync",
            new JsonObject().put("script", script).put("args", new JsonArray()))
        .getValue("value");
  }

  /** The text of the element with id {@code id}, or null when there is none. */
  String text(String id) {
    Object text =
        script("const e = document.getElementById('" + id + "'); return e ? e.textContent : null;");
    return text == null ? null : text.toString();
  }

  /** Clicks the element {@code cssSelector} picks, as a user would. */
  void click(String cssSelector) {
    String element =
        session(
                "POST",
                "/element",
                new JsonObject().put("using", "css selector").put("value", cssSelector))
            .getJsonObject("value")
            .getString(ELEMENT);
    session("POST", "/element/" + element + "/click", new JsonObject());
  }

  /** Writes a PNG screenshot of the window to {@code file}. */
  void screenshot(Path file) throws IOException {
    String png = session("GET", "/screenshot", null).getString("value");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  private JsonObject session(String method, String path, JsonObject body) {
    return call(method, "/session/" + session + path, body);
  }

  private JsonObject call(String method, String path, JsonObject body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(COMMAND_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "WebDriver "
                + method
                + " "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + response.body()
                + "\nchromedriver log: "
                + driverLog);
      }
      return new JsonObject(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        call("DELETE", "/session/" + session, null);
      }
    } catch (RuntimeException | AssertionError e) {
      // The driver goes next anyway, and the browser with it.
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        driver.destroyForcibly();
      }
    }
  }
}
