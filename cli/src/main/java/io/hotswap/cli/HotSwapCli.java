package io.hotswap.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bin/hotswap} command line: {@code run} hosts an application with hot reload in the
 * foreground; {@code reload}, {@code status} and {@code stop} drive a running instance of the same
 * OS user on this machine through its MXBean, reached with the Attach API (no network port).
 *
 * <p>Exit codes: 0 success, 1 the operation failed (a failed reload, a stop that timed out), 2
 * usage errors and no matching instance. Not thread-safe; one invocation per process.
 */
@Command(
    name = "hotswap",
    mixinStandardHelpOptions = true,
    versionProvider = HotSwapCli.Version.class,
    description = "Zero-downtime reloads of a running Vert.x application.",
    subcommands = {
      RunCommand.class,
      ReloadCommand.class,
      RollbackCommand.class,
      StatusCommand.class,
      StopCommand.class
    })
public final class HotSwapCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams and returns its exit code (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new HotSwapCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (failure, line, parsed) -> {
          line.getErr().println("hotswap: " + failure.getMessage());
          return failure instanceof UsageProblem ? 2 : 1;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A problem with how the command was used, or no instance to talk to: exit code 2. */
  static final class UsageProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageProblem(String message) {
      super(message);
    }
  }

  /** Reads the version from the jar manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HotSwapCli.class.getPackage().getImplementationVersion();
      return new String[] {"hotswap " + (version == null ? "(development build)" : version)};
    }
  }
}
