package io.hotswap.maven;

import io.hotswap.cli.HotSwapCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One {@code hotswap} command ({@code reload}, {@code status}, {@code stop}) run in this JVM
 * through the command line's own entry point, {@link HotSwapCli#execute}: it finds the instance
 * with the Attach API and talks to its MXBean, as {@code bin/hotswap} does, and answers the exit
 * code and the text the command printed.
 *
 * <p>Stateless; each call is one invocation of the command line, safe from any thread.
 */
final class CliCommand {
  private CliCommand() {}

  /** What a command answered: its exit code (0 success) and what it printed. */
  record Result(int exitCode, String out, String err) {
    boolean succeeded() {
      return exitCode == 0;
    }

    /** What the command printed, standard output first. */
    String text() {
      return (out + err).strip();
    }
  }

  /** Runs {@code hotswap <args>} and answers its exit code and output. */
  static Result run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode;
    try (PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true)) {
      exitCode = HotSwapCli.execute(outWriter, errWriter, args.toArray(String[]::new));
    }
    return new Result(exitCode, out.toString(), err.toString());
  }
}
