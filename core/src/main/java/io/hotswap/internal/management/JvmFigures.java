package io.hotswap.internal.management;

import io.hotswap.StatusReport;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;

/** Reads the JVM-wide figures that show class loader leaks. Stateless; thread-safe. */
public final class JvmFigures {
  private JvmFigures() {}

  /** The metaspace used and the class counts of this JVM now. */
  public static StatusReport.JvmStatus now() {
    long metaspace = -1;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        metaspace = pool.getUsage().getUsed();
      }
    }
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    return new StatusReport.JvmStatus(
        metaspace,
        classes.getLoadedClassCount(),
        classes.getTotalLoadedClassCount(),
        classes.getUnloadedClassCount());
  }
}
