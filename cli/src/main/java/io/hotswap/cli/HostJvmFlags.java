package io.hotswap.cli;

import java.util.List;

/**
 * The JDK flags a host JVM needs, as {@code bin/hotswap} passes them and the runnable jar's
 * manifest asks for them ({@code Add-Opens}): what the generation cleanup reads (docs/cleanup.md)
 * and what a cluster node's Hazelcast opens. For launchers that start a host with {@code -cp}: the
 * command's own for an application's platform, the Maven plugin's. Stateless; thread-safe.
 */
public final class HostJvmFlags {
  private static final List<String> OPENS =
      List.of(
          "java.base/java.lang",
          "java.base/java.util",
          "java.base/java.io",
          "java.base/sun.nio.ch",
          "java.management/sun.management",
          "jdk.management/com.sun.management.internal");

  private HostJvmFlags() {}

  /** {@code --add-opens=<module>/<package>=ALL-UNNAMED} for each package a host needs open. */
  public static List<String> addOpens() {
    return OPENS.stream().map(open -> "--add-opens=" + open + "=ALL-UNNAMED").toList();
  }
}
