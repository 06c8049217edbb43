package io.hotswap.maven;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.hotswap.management.HotSwapMXBean;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The run goal's line to its own host: the host's MXBean, reached through the Attach API by the
 * child's pid (the local management agent, loopback only), kept open across reloads. It is what
 * {@code hotswap reload --name <name>} does, without looking through every JVM of the machine for
 * the name first, which takes seconds on a busy machine; when the direct line cannot be opened the
 * reload goes through the command line itself ({@link CliCommand}). The outcome text is the one
 * {@code hotswap reload} prints: {@code <name>: <the outcome's description>}.
 *
 * <p>Thread-safe: its methods are synchronized (the run goal opens it while the watcher may already
 * reload through it).
 */
final class HostConnection implements AutoCloseable {
  private final long pid;
  private final String name;
  private JMXConnector connector;
  private HotSwapMXBean bean;

  HostConnection(long pid, String name) {
    this.pid = pid;
    this.name = name;
  }

  /**
   * Opens the line ahead of the first reload (attaching and starting the host's management agent
   * takes a moment); a failure is left to the first reload to retry.
   */
  synchronized void open() {
    try {
      bean();
    } catch (IOException | AttachNotSupportedException | RuntimeException e) {
      close();
    }
  }

  /** Reloads the host from its code source and waits for the outcome. */
  synchronized CliCommand.Result reload() {
    HotSwapMXBean host;
    try {
      host = bean();
    } catch (IOException | AttachNotSupportedException | RuntimeException e) {
      close();
      return CliCommand.run(List.of("reload", "--name", name));
    }
    try {
      JsonObject outcome = new JsonObject(host.reloadJson());
      String status = outcome.getString("status");
      boolean serves = "ACTIVATED".equals(status) || "UNCHANGED".equals(status);
      return new CliCommand.Result(
          serves ? 0 : 1, name + ": " + outcome.getString("description"), "");
    } catch (RuntimeException e) {
      // Not retried: the host may have reloaded before the line broke.
      close();
      return new CliCommand.Result(1, "", name + ": no answer to the reload: " + e);
    }
  }

  private HotSwapMXBean bean() throws IOException, AttachNotSupportedException {
    if (bean == null) {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
      bean =
          JMX.newMXBeanProxy(
              connector.getMBeanServerConnection(),
              HotSwapMXBean.objectName(name),
              HotSwapMXBean.class);
    }
    return bean;
  }

  @Override
  public synchronized void close() {
    bean = null;
    if (connector != null) {
      try {
        connector.close();
      } catch (IOException ignored) {
        // The host may have ended; nothing left to release.
      }
      connector = null;
    }
  }
}
