package io.hotswap.cli;

import io.hotswap.MainDeployment;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A command-line value that is, as for the Vert.x launcher's {@code --conf}, {@code --options} and
 * {@code --deployment-options}, either the path of a JSON file or a JSON object itself. Unlike the
 * launcher, which warns and goes on without it, a value that is neither fails the command with a
 * message saying why.
 *
 * @param option the option's name, for messages
 * @param file the file the value names, or {@code null} when the value is inline JSON
 * @param json the JSON object (the file's content at parse time)
 */
record JsonArgument(String option, Path file, JsonObject json) {

  /** Parses {@code value} given to {@code option}. */
  static JsonArgument parse(String option, String value) {
    Path file = existingFile(value);
    if (file != null) {
      try {
        return new JsonArgument(option, file, MainDeployment.readConfig(file));
      } catch (IllegalStateException invalid) {
        throw new HotSwapCli.UsageProblem(option + ": " + invalid.getMessage());
      }
    }
    try {
      return new JsonArgument(option, null, new JsonObject(value));
    } catch (DecodeException | ClassCastException e) {
      throw new HotSwapCli.UsageProblem(
          option
              + " takes a JSON file or a JSON object; '"
              + value
              + "' is neither (no such file, and not JSON: "
              + e.getMessage()
              + ")");
    }
  }

  private static Path existingFile(String value) {
    if (value.trim().startsWith("{")) {
      return null;
    }
    try {
      Path path = Path.of(value);
      return Files.isRegularFile(path) ? path : null;
    } catch (InvalidPathException notAPath) {
      return null;
    }
  }
}
