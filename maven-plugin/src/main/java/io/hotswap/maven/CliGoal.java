package io.hotswap.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that drive a running instance ({@code hotswap:reload}, {@code hotswap:status}, {@code
 * hotswap:stop}): each runs one command of the command line in-process against the instance named
 * {@code hotswap.name} (the artifactId by default) and fails with the command's message when it
 * exits non-zero.
 *
 * <p>A Maven mojo: configured, then executed once, on one thread.
 */
public abstract class CliGoal extends AbstractMojo {
  /** The instance to talk to: the name {@code hotswap:run} gave it. */
  @Parameter(property = "hotswap.name", defaultValue = "${project.artifactId}")
  String name;

  /** The command and its options, without {@code --name}. */
  abstract List<String> command();

  @Override
  public void execute() throws MojoFailureException {
    List<String> args = new ArrayList<>(command());
    args.add("--name");
    args.add(name);
    CliCommand.Result result = CliCommand.run(args);
    if (!result.succeeded()) {
      throw new MojoFailureException(
          "hotswap " + args.get(0) + " failed (exit " + result.exitCode() + "): " + result.text());
    }
    result.text().lines().forEach(getLog()::info);
  }
}
