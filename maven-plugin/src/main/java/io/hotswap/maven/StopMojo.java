package io.hotswap.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn hotswap:stop}: stops the running instance gracefully (drain, retire, close) and waits
 * for its JVM to end; {@code hotswap:run} then ends too.
 *
 * <p>A Maven mojo: configured, then executed once, on one thread.
 */
@Mojo(name = "stop", threadSafe = true)
public class StopMojo extends CliGoal {
  /** How long to wait for the instance's JVM to end, in seconds. */
  @Parameter(property = "hotswap.stopTimeout", defaultValue = "60")
  long stopTimeout;

  @Override
  List<String> command() {
    return List.of("stop", "--timeout", stopTimeout + "s");
  }
}
