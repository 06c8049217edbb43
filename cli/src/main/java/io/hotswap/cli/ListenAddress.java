package io.hotswap.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where an observation server ({@code --health}, {@code --dashboard}) listens: {@code [host:]port},
 * loopback ({@code 127.0.0.1}) when the host is left out. A host that is not a loopback address is
 * refused unless remote access was allowed, so a probe or a dashboard is never exposed by accident.
 *
 * <p>A value; thread-safe.
 *
 * @param host the host name or address to bind
 * @param port the port, 0 for a free one
 */
record ListenAddress(String host, int port) {
  static final String LOOPBACK = "127.0.0.1";

  /**
   * Parses {@code value} for {@code option}.
   *
   * @throws HotSwapCli.UsageProblem when it is not {@code [host:]port}, or names a non-loopback
   *     host and {@code allowRemote} is false
   */
  static ListenAddress parse(String option, String value, boolean allowRemote) {
    int split = value.lastIndexOf(':');
    String host = split < 0 ? LOOPBACK : value.substring(0, split);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(split + 1));
    } catch (NumberFormatException e) {
      throw new HotSwapCli.UsageProblem(option + " takes [host:]port, not " + value);
    }
    if (host.isEmpty() || port < 0 || port > 65535) {
      throw new HotSwapCli.UsageProblem(option + " takes [host:]port, not " + value);
    }
    if (!allowRemote && !isLoopback(host)) {
      throw new HotSwapCli.UsageProblem(
          option
              + " "
              + value
              + " is not a loopback address: add "
              + option
              + "-allow-remote to serve it beyond this machine");
    }
    return new ListenAddress(host, port);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** {@code host:port}, with the port actually bound. */
  String describe(int boundPort) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
  }
}
