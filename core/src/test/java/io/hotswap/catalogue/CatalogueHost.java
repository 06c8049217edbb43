package io.hotswap.catalogue;

import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.testing.Harness;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The hotswap side of the differential: a host Vert.x running the application jar in compat mode
 * ({@code HotSwapOptions.builder(jar).mainVerticle(...)}, no declared endpoint), as {@code hotswap
 * run --code app.jar} does. A reload replaces the jar atomically, then reloads.
 *
 * <p>Not thread-safe: use it from the test thread.
 */
public final class CatalogueHost implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
  private final Path codeJar;
  private final HotSwap hotSwap;

  private CatalogueHost(Path codeJar, HotSwapOptions options) {
    this.codeJar = codeJar;
    this.hotSwap = HotSwap.create(vertx, options);
  }

  /** Installs {@code jar} as {@code <workDir>/code/app.jar} and starts the host on it. */
  public static CatalogueHost start(Path workDir, CatalogueApp app, Path jar) {
    Path codeJar = workDir.resolve("code").resolve("app.jar");
    try {
      Files.createDirectories(codeJar.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CatalogueApp.install(jar, codeJar);
    HotSwapOptions options =
        HotSwapOptions.builder(codeJar)
            .mainVerticle(app.mainVerticle())
            .startTimeout(Duration.ofSeconds(20))
            .drainTimeout(Duration.ofSeconds(10))
            .leakTimeout(Duration.ofSeconds(30))
            .jmx(false)
            .applicationName(app.name())
            .build();
    CatalogueHost host = new CatalogueHost(codeJar, options);
    ReloadOutcome first = Harness.await(host.hotSwap.start());
    if (!first.activated()) {
      host.close();
      throw new AssertionError("the first generation did not start: " + first.describe());
    }
    return host;
  }

  /** The instance under test. */
  public HotSwap hotSwap() {
    return hotSwap;
  }

  /** The host Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** Replaces the code jar with {@code jar} and reloads; the outcome. */
  public ReloadOutcome install(Path jar) {
    CatalogueApp.install(jar, codeJar);
    return Harness.await(hotSwap.reload("test"));
  }

  @Override
  public void close() {
    try {
      Harness.await(hotSwap.close());
    } finally {
      Harness.await(vertx.close());
    }
  }
}
