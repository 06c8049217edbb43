package io.hotswap.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code mvn hotswap:reload}: reloads the running instance from its code source ({@code
 * target/classes}) and prints the outcome; fails when the new generation does not serve (the active
 * one keeps serving).
 *
 * <p>A Maven mojo: configured, then executed once, on one thread.
 */
@Mojo(name = "reload", threadSafe = true)
public class ReloadMojo extends CliGoal {
  @Override
  List<String> command() {
    return List.of("reload");
  }
}
