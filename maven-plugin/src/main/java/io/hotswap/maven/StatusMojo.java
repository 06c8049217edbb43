package io.hotswap.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code mvn hotswap:status}: prints the generations, endpoints and recent reloads of the running
 * instance, as {@code hotswap status} does.
 *
 * <p>A Maven mojo: configured, then executed once, on one thread.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends CliGoal {
  @Override
  List<String> command() {
    return List.of("status");
  }
}
