package io.hotswap.loader.cleanup;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unregisters MBeans of a retired generation's classes from the platform MBean server, which would
 * otherwise hold them for the life of the JVM. Uses {@link MBeanServer#getClassLoaderFor}: no
 * {@code --add-opens} needed. Thread-safe.
 */
final class MBeanCleaner implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(MBeanCleaner.class);

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : owned(server, code)) {
      try {
        server.unregisterMBean(name);
        report.released("MBean " + name);
        LOG.info("{}: unregistered its MBean {}", code.label(), name);
      } catch (InstanceNotFoundException gone) {
        // unregistered meanwhile
      } catch (MBeanRegistrationException | RuntimeException e) {
        report.remaining("MBean " + name + " (cannot unregister: " + e + ")");
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    owned(server, code).forEach(name -> holders.add("MBean " + name + " is registered"));
  }

  private static List<ObjectName> owned(MBeanServer server, RetiredCode code) {
    Set<ObjectName> names = server.queryNames(null, null);
    return names.stream().filter(name -> loaderOf(server, name) == code.loader()).toList();
  }

  private static ClassLoader loaderOf(MBeanServer server, ObjectName name) {
    try {
      return server.getClassLoaderFor(name);
    } catch (InstanceNotFoundException | RuntimeException e) {
      return null;
    }
  }
}
