package io.hotswap;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the main verticle of compat mode ({@link HotSwapOptions.Builder#mainVerticle}) is deployed in
 * every generation: its Vert.x deployment options (instances, threading model, worker pool, {@code
 * config()}) and, optionally, a JSON file that is read again for each generation and replaces the
 * config, as the Vert.x launcher's {@code --conf <file>} does. Set it through {@link
 * HotSwapOptions.Builder#mainDeploymentOptions}, {@link HotSwapOptions.Builder#mainConfig} and
 * {@link HotSwapOptions.Builder#mainConfigFile}.
 *
 * <p>Immutable: the options are kept as a JSON copy and turned into fresh {@link DeploymentOptions}
 * per generation. Thread-safe.
 *
 * @param options the main verticle's {@link DeploymentOptions} as JSON (its class loader is always
 *     the generation's)
 * @param configFile a JSON file read for each generation and used as the verticle's config
 */
public record MainDeployment(JsonObject options, Optional<Path> configFile) {
  /** The options of {@code vertx run}: one event-loop instance, an empty config. */
  public static final MainDeployment DEFAULT =
      new MainDeployment(new DeploymentOptions().toJson(), Optional.empty());

  /** Copies the options and checks that this JVM can run the threading model they ask for. */
  public MainDeployment {
    options = Objects.requireNonNull(options, "options").copy();
    Objects.requireNonNull(configFile, "configFile");
    DeploymentOptions parsed = new DeploymentOptions(options);
    if (parsed.getInstances() < 1) {
      throw new IllegalArgumentException(
          "the main verticle needs at least 1 instance, not " + parsed.getInstances());
    }
    if (parsed.getThreadingModel() == ThreadingModel.VIRTUAL_THREAD
        && Runtime.version().feature() < 21) {
      throw new IllegalArgumentException(
          "the virtual-thread threading model needs JDK 21 or later; this JVM is "
              + Runtime.version());
    }
  }

  /** The instances of the main verticle each generation deploys. */
  public int instances() {
    return new DeploymentOptions(options).getInstances();
  }

  /**
   * Fresh deployment options for one generation: with a config file, its current content is the
   * config.
   *
   * @throws IllegalStateException when the config file cannot be read or is not a JSON object, with
   *     a message naming the file
   */
  public DeploymentOptions resolve() {
    DeploymentOptions resolved = new DeploymentOptions(options);
    configFile.ifPresent(file -> resolved.setConfig(readConfig(file)));
    if (resolved.getConfig() == null) {
      resolved.setConfig(new JsonObject());
    }
    return resolved;
  }

  /** Reads {@code file} as the main verticle's config. */
  public static JsonObject readConfig(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the main verticle's config file " + file + ": " + e, e);
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException(
          "the main verticle's config file "
              + file
              + " is not a valid JSON object: "
              + e.getMessage(),
          e);
    }
  }
}
