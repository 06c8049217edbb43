package io.hotswap.catalogue;

import io.hotswap.testing.Harness;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The reference side of the differential: a real {@code Vertx.vertx()} deploying the main verticle
 * from the application jar through a class loader of its own, as {@code java -jar} with Vert.x on
 * the class path would (the jar's classes and resources first found in the jar, {@code io.vertx.*}
 * from the test class path).
 *
 * <p>Not thread-safe: use it from the test thread.
 */
public final class PlainVertx implements AutoCloseable {
  private final Vertx vertx;
  private final URLClassLoader loader;

  private PlainVertx(Vertx vertx, URLClassLoader loader) {
    this.vertx = vertx;
    this.loader = loader;
  }

  /** Deploys {@code mainVerticle} from {@code jar} on a new Vert.x instance. */
  public static PlainVertx deploy(Path jar, String mainVerticle) {
    URLClassLoader loader;
    try {
      loader =
          new URLClassLoader(
              "plain-" + jar.getFileName(),
              new URL[] {jar.toUri().toURL()},
              PlainVertx.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
    Vertx vertx = Vertx.vertx();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Harness.await(
          vertx.deployVerticle(mainVerticle, new DeploymentOptions().setClassLoader(loader)));
    } catch (RuntimeException | AssertionError e) {
      Harness.await(vertx.close());
      throw e;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    return new PlainVertx(vertx, loader);
  }

  /** The Vert.x instance the application runs on. */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    try {
      Harness.await(vertx.close());
    } finally {
      try {
        loader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
