package io.hotswap.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.hotswap.cluster.HotSwapClusterMXBean;
import io.hotswap.management.HotSwapMXBean;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Finds running hotswap instances of this OS user on this machine: lists the local JVMs with the
 * Attach API, keeps those whose {@code hotswap.instances} system property names an instance, and
 * connects to their platform MBean server through the local management agent (loopback only,
 * started on demand by the Attach API; hotswap itself opens no port).
 *
 * <p>Not thread-safe; used once per CLI invocation.
 */
final class InstanceLocator {

  /** A running instance and an open connection to its MXBean; close it when done. */
  record Found(long pid, String name, HotSwapMXBean bean, JMXConnector connector)
      implements AutoCloseable {

    /** The instance's cluster node MXBean, or empty when the instance is not a cluster node. */
    Optional<HotSwapClusterMXBean> clusterBean() {
      ObjectName objectName = HotSwapClusterMXBean.objectName(name);
      try {
        MBeanServerConnection server = connector.getMBeanServerConnection();
        return server.isRegistered(objectName)
            ? Optional.of(JMX.newMXBeanProxy(server, objectName, HotSwapClusterMXBean.class))
            : Optional.empty();
      } catch (IOException e) {
        throw new IllegalStateException("cannot reach instance '" + name + "': " + e, e);
      }
    }

    @Override
    public void close() {
      try {
        connector.close();
      } catch (IOException ignored) {
        // The instance may have just stopped; nothing left to release.
      }
    }
  }

  /** A JVM that runs hotswap instances. */
  private record Candidate(long pid, List<String> names, String agentAddress) {}

  private InstanceLocator() {}

  /**
   * Connects to the instance named {@code name}, or to the only one running when no name is given.
   *
   * @throws HotSwapCli.UsageProblem when none or several match, listing what was found
   */
  static Found locate(Optional<String> name) {
    List<Candidate> candidates = candidates();
    List<String> described = new ArrayList<>();
    List<Candidate> matching = new ArrayList<>();
    List<String> matchingNames = new ArrayList<>();
    for (Candidate candidate : candidates) {
      for (String instance : candidate.names()) {
        described.add(instance + " (pid " + candidate.pid() + ")");
        if (name.isEmpty() || name.get().equals(instance)) {
          matching.add(candidate);
          matchingNames.add(instance);
        }
      }
    }
    if (matching.isEmpty()) {
      throw new HotSwapCli.UsageProblem(
          (name.isPresent()
                  ? "no running hotswap instance named '" + name.get() + "'"
                  : "no running hotswap instance")
              + " of this user on this machine"
              + (described.isEmpty() ? "" : "; found: " + String.join(", ", described)));
    }
    if (matching.size() > 1) {
      throw new HotSwapCli.UsageProblem(
          "several hotswap instances are running; choose one with --name: "
              + String.join(", ", described));
    }
    Candidate chosen = matching.get(0);
    String instance = matchingNames.get(0);
    try {
      JMXConnector connector =
          JMXConnectorFactory.connect(new JMXServiceURL(chosen.agentAddress()));
      HotSwapMXBean bean =
          JMX.newMXBeanProxy(
              connector.getMBeanServerConnection(),
              HotSwapMXBean.objectName(instance),
              HotSwapMXBean.class);
      return new Found(chosen.pid(), instance, bean, connector);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot connect to instance '" + instance + "' (pid " + chosen.pid() + "): " + e, e);
    }
  }

  private static List<Candidate> candidates() {
    String self = Long.toString(ProcessHandle.current().pid());
    List<Candidate> found = new ArrayList<>();
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      if (descriptor.id().equals(self)) {
        continue;
      }
      VirtualMachine vm;
      try {
        vm = VirtualMachine.attach(descriptor);
      } catch (Exception e) {
        continue; // another user's JVM, one that refuses attach, or one that just ended
      }
      try {
        String names = vm.getSystemProperties().getProperty(HotSwapMXBean.INSTANCES_PROPERTY);
        if (names != null && !names.isBlank()) {
          found.add(
              new Candidate(
                  Long.parseLong(descriptor.id()),
                  List.of(names.split(",")),
                  vm.startLocalManagementAgent()));
        }
      } catch (Exception e) {
        // Not readable: not one of ours, or it is shutting down.
      } finally {
        try {
          vm.detach();
        } catch (IOException ignored) {
          // Detaching from a JVM that ended is not an error.
        }
      }
    }
    return found;
  }
}
