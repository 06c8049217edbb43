package io.hotswap.testing;

import io.hotswap.cli.HotSwapCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code hotswap} command line (the Attach API reaches other JVMs of this
 * user): its exit code and what it printed. A value.
 *
 * @param exitCode what {@code HotSwapCli#execute} returned
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code hotswap <args>} in this JVM. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HotSwapCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Everything, for assertion messages. */
  public String text() {
    return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
  }
}
