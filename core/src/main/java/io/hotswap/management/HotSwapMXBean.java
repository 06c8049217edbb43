package io.hotswap.management;

import javax.management.ObjectName;

/**
 * The management interface of one hotswap instance, registered as {@code
 * io.hotswap:type=HotSwap,name=<name>} in the platform MBean server. Every attribute and result is
 * of JMX open types, so any JMX client (jconsole, VisualVM, a script) can use it without hotswap
 * classes on its classpath. A reload through JMX is the same reload as every other trigger.
 *
 * <p>Implementations are thread-safe.
 */
public interface HotSwapMXBean {
  /** The system property that lists the names of the instances registered in a JVM, by comma. */
  String INSTANCES_PROPERTY = "hotswap.instances";

  /**
   * The object name of the instance named {@code name}: {@code io.hotswap:type=HotSwap,name=..}.
   *
   * @throws IllegalArgumentException when {@code name} cannot be part of an object name
   */
  static ObjectName objectName(String name) {
    return ObjectNames.of("HotSwap", name);
  }

  /** The application name. */
  String getName();

  /** The id of the active generation, 0 when none is active. */
  long getActiveGeneration();

  /** The short snapshot id of the active generation, or an empty string. */
  String getActiveSnapshotId();

  /** How many reloads ended since start, whatever their outcome. */
  long getReloadCount();

  /** The last reload's one-line description, or an empty string. */
  String getLastReloadOutcome();

  /** The last reload's duration in milliseconds, or 0. */
  long getLastReloadDurationMillis();

  /** Bytes used in the JVM's Metaspace memory pool (all generations and the host), -1 if none. */
  long getMetaspaceUsedBytes();

  /** Classes loaded in the JVM now. */
  int getLoadedClassCount();

  /** Classes unloaded since the JVM started: grows as retired generations are collected. */
  long getUnloadedClassCount();

  /** The known generations, oldest first. */
  GenerationView[] getGenerations();

  /** Reloads now and returns the outcome when the new generation serves or failed. */
  ReloadView reload();

  /** Reloads and returns the outcome as JSON (what {@code bin/hotswap reload --json} prints). */
  String reloadJson();

  /** Reloads the snapshot of generation {@code target} ("7", "gen-7") or snapshot id, as JSON. */
  String reloadToJson(String target);

  /** Rolls back to the generation active before the current one; the outcome as JSON. */
  String rollbackJson();

  /** The full status as JSON (what {@code bin/hotswap status --json} prints). */
  String statusJson();

  /**
   * Stops the instance gracefully: retires the active generation (draining in-flight work within
   * the drain timeout), closes the endpoints, then runs the host's stop action. Returns at once.
   */
  void stop();
}
