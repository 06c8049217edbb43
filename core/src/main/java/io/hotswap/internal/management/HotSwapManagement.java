package io.hotswap.internal.management;

import io.hotswap.HotSwap;
import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadRecord;
import io.hotswap.StatusReport;
import io.hotswap.management.GenerationView;
import io.hotswap.management.HotSwapMXBean;
import io.hotswap.management.ReloadView;
import io.hotswap.management.StatusJson;
import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HotSwapMXBean} of one instance, and its registration in the platform MBean server.
 * Only the platform server is used: hotswap opens no remote connector or port; local tools reach it
 * through the Attach API as the same OS user.
 *
 * <p>Thread-safe: every operation delegates to the thread-safe {@link HotSwap}. Blocking operations
 * wait for their future with a bound, on the JMX caller's thread.
 */
public final class HotSwapManagement implements HotSwapMXBean, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HotSwapManagement.class);
  private static final long WAIT_MILLIS = TimeUnit.MINUTES.toMillis(5);

  private final HotSwap hotSwap;
  private final Runnable stop;
  private final ObjectName objectName;

  private HotSwapManagement(HotSwap hotSwap, Runnable stop, ObjectName objectName) {
    this.hotSwap = hotSwap;
    this.stop = stop;
    this.objectName = objectName;
  }

  /**
   * Registers the MXBean of {@code hotSwap}; {@code stop} runs when a management client asks the
   * instance to stop. Close the returned registration to unregister.
   */
  public static HotSwapManagement register(HotSwap hotSwap, Runnable stop) {
    String name = hotSwap.options().applicationName();
    HotSwapManagement bean = new HotSwapManagement(hotSwap, stop, HotSwapMXBean.objectName(name));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.registerMBean(bean, bean.objectName);
    } catch (JMException e) {
      throw new IllegalStateException(
          "cannot register the MXBean " + bean.objectName + ": " + e.getMessage(), e);
    }
    synchronized (HotSwapManagement.class) {
      String names = System.getProperty(HotSwapMXBean.INSTANCES_PROPERTY, "");
      System.setProperty(
          HotSwapMXBean.INSTANCES_PROPERTY, names.isEmpty() ? name : names + "," + name);
    }
    LOG.info("{}: MXBean registered as {}", name, bean.objectName);
    return bean;
  }

  @Override
  public String getName() {
    return hotSwap.options().applicationName();
  }

  @Override
  public long getActiveGeneration() {
    return hotSwap.activeGeneration().map(info -> info.id()).orElse(0L);
  }

  @Override
  public String getActiveSnapshotId() {
    return hotSwap.activeGeneration().map(info -> info.snapshotId()).orElse("");
  }

  @Override
  public long getReloadCount() {
    return status().reloadCount();
  }

  @Override
  public String getLastReloadOutcome() {
    List<ReloadRecord> reloads = status().recentReloads();
    return reloads.isEmpty() ? "" : reloads.get(reloads.size() - 1).outcome().describe();
  }

  @Override
  public long getLastReloadDurationMillis() {
    List<ReloadRecord> reloads = status().recentReloads();
    return reloads.isEmpty()
        ? 0
        : reloads.get(reloads.size() - 1).outcome().timings().total().toMillis();
  }

  @Override
  public long getMetaspaceUsedBytes() {
    return JvmFigures.now().metaspaceUsedBytes();
  }

  @Override
  public int getLoadedClassCount() {
    return JvmFigures.now().loadedClasses();
  }

  @Override
  public long getUnloadedClassCount() {
    return JvmFigures.now().unloadedClasses();
  }

  @Override
  public GenerationView[] getGenerations() {
    return hotSwap.generations().stream().map(GenerationView::of).toArray(GenerationView[]::new);
  }

  @Override
  public ReloadView reload() {
    return ReloadView.of(reloadNow());
  }

  @Override
  public String reloadJson() {
    return StatusJson.of(reloadNow()).encode();
  }

  @Override
  public String reloadToJson(String target) {
    return StatusJson.of(await(hotSwap.reloadTo(target))).encode();
  }

  @Override
  public String rollbackJson() {
    return StatusJson.of(await(hotSwap.rollback())).encode();
  }

  @Override
  public String statusJson() {
    return StatusJson.of(status()).encode();
  }

  @Override
  public void stop() {
    LOG.info("{}: stop requested through JMX", getName());
    Thread stopper = new Thread(stop, "hotswap-stop-1");
    stopper.setDaemon(false);
    stopper.start();
  }

  private ReloadOutcome reloadNow() {
    return await(hotSwap.reload("jmx"));
  }

  private StatusReport status() {
    return await(hotSwap.status());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } catch (Exception e) {
      throw new IllegalStateException("hotswap did not answer: " + e, e);
    }
  }

  /** Unregisters the MXBean. */
  @Override
  public void close() {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
    } catch (JMException e) {
      LOG.debug("{} was not registered", objectName, e);
    }
    synchronized (HotSwapManagement.class) {
      String remaining =
          String.join(
              ",",
              java.util.Arrays.stream(
                      System.getProperty(HotSwapMXBean.INSTANCES_PROPERTY, "").split(","))
                  .filter(n -> !n.isEmpty() && !n.equals(getName()))
                  .toList());
      System.setProperty(HotSwapMXBean.INSTANCES_PROPERTY, remaining);
    }
  }
}
