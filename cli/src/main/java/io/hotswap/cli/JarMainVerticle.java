package io.hotswap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Main-Verticle} a Vert.x application jar names in its manifest (as the Vert.x launcher
 * reads it), the main verticle of {@code hotswap run} when none is given.
 *
 * <p>Stateless; thread-safe.
 */
final class JarMainVerticle {
  private JarMainVerticle() {}

  /**
   * The {@code Main-Verticle} attribute of the manifest when {@code code} is a jar, or null.
   *
   * @throws HotSwapCli.UsageProblem when the jar's manifest cannot be read
   */
  static String of(Path code) {
    if (!Files.isRegularFile(code)) {
      return null;
    }
    try (JarFile jar = new JarFile(code.toFile())) {
      Manifest manifest = jar.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue("Main-Verticle");
    } catch (IOException e) {
      throw new HotSwapCli.UsageProblem("cannot read the manifest of " + code + ": " + e);
    }
  }
}
