package io.hotswap.testing;

import io.hotswap.GenerationState;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fixture generations that each commit one well-known classloader leak (the catalogue of the
 * classloader-leak-prevention project) in {@code App.start()}, with the verdict the cleanup must
 * reach when the generation retires: COLLECTED when hotswap releases it, or LEAKED with a failure
 * text naming {@link #culprit()}.
 *
 * <p>{@code start()} runs once per host lane, so each leak is committed once per lane.
 *
 * <p>Immutable; compiling is not thread-safe (use it from the test thread).
 */
public enum LeakFixture {
  /** A thread whose Runnable is generation code; stops on interrupt. */
  THREAD(
      GenerationState.COLLECTED,
      "",
      """
      new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
      }, "fixture-worker").start();
      """,
      Map.of()),
  /** A thread that ignores interrupts: cannot be stopped, must be named. */
  STUBBORN_THREAD(
      GenerationState.LEAKED,
      "thread 'fixture-stubborn'",
      """
      io.hotswap.testing.Probe.hold();
      new Thread(() -> {
        while (io.hotswap.testing.Probe.holding()) {
          java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
          Thread.interrupted();
        }
      }, "fixture-stubborn").start();
      """,
      Map.of()),
  /** A java.util.Timer with a task of generation code, kept in a static field. */
  TIMER(
      GenerationState.COLLECTED,
      "",
      "fixture.app.Ticker.start();",
      Map.of(
          "fixture.app.Ticker",
          """
          package fixture.app;
          public class Ticker extends java.util.TimerTask {
            static final java.util.Timer TIMER = new java.util.Timer("fixture-timer", true);
            public static void start() { TIMER.schedule(new Ticker(), 10, 10); }
            @Override public void run() { io.hotswap.testing.Probe.tick("timer"); }
          }
          """)),
  /** A ThreadLocal (static field of generation code) left set on the host event loop. */
  THREAD_LOCAL(
      GenerationState.COLLECTED,
      "",
      "fixture.app.Local.VALUE.set(new fixture.app.Local());",
      Map.of(
          "fixture.app.Local",
          """
          package fixture.app;
          public class Local {
            public static final ThreadLocal<Local> VALUE = new ThreadLocal<>();
          }
          """)),
  /** A shutdown hook of generation code. */
  SHUTDOWN_HOOK(
      GenerationState.COLLECTED,
      "",
      "Runtime.getRuntime().addShutdownHook(new Thread(() -> {}, \"fixture-hook\"));",
      Map.of()),
  /** A JDBC driver of generation code registered with DriverManager. */
  JDBC_DRIVER(
      GenerationState.COLLECTED,
      "",
      "java.sql.DriverManager.registerDriver(new fixture.app.FixtureDriver());",
      Map.of(
          "fixture.app.FixtureDriver",
          """
          package fixture.app;
          import java.sql.*;
          import java.util.Properties;
          public class FixtureDriver implements Driver {
            public Connection connect(String url, Properties info) { return null; }
            public boolean acceptsURL(String url) { return url.startsWith("jdbc:fixture:"); }
            public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
              return new DriverPropertyInfo[0];
            }
            public int getMajorVersion() { return 1; }
            public int getMinorVersion() { return 0; }
            public boolean jdbcCompliant() { return false; }
            public java.util.logging.Logger getParentLogger() {
              return java.util.logging.Logger.getLogger("fixture");
            }
          }
          """)),
  /** A standard MBean of generation code in the platform MBean server. */
  MBEAN(
      GenerationState.COLLECTED,
      "",
      """
      java.lang.management.ManagementFactory.getPlatformMBeanServer().registerMBean(
          new fixture.app.Stats(), new javax.management.ObjectName(
              "fixture:type=Stats,instance=" + System.identityHashCode(this)));
      """,
      Map.of(
          "fixture.app.StatsMBean",
          "package fixture.app; public interface StatsMBean { int getCount(); }",
          "fixture.app.Stats",
          "package fixture.app; public class Stats implements StatsMBean {"
              + " public int getCount() { return 1; } }")),
  /** java.beans introspection of a generation class. */
  INTROSPECTOR(
      GenerationState.COLLECTED,
      "",
      "java.beans.Introspector.getBeanInfo(fixture.app.Bean.class);",
      Map.of(
          "fixture.app.Bean",
          "package fixture.app; public class Bean { public int getSize() { return 1; }"
              + " public void setSize(int size) {} }")),
  /** A ResourceBundle class of generation code, cached by ResourceBundle.getBundle. */
  RESOURCE_BUNDLE(
      GenerationState.COLLECTED,
      "",
      "java.util.ResourceBundle.getBundle(\"fixture.app.Messages\");",
      Map.of(
          "fixture.app.Messages",
          """
          package fixture.app;
          public class Messages extends java.util.ListResourceBundle {
            protected Object[][] getContents() { return new Object[][] {{"hello", "hi"}}; }
          }
          """)),
  /** A java.util.logging handler of generation code on the root logger, and a custom Level. */
  LOGGING(
      GenerationState.COLLECTED,
      "",
      """
      java.util.logging.Logger.getLogger("").addHandler(new fixture.app.FixtureHandler());
      java.util.logging.Logger.getLogger("fixture").log(fixture.app.FixtureHandler.NOTICE, "hi");
      """,
      Map.of(
          "fixture.app.FixtureHandler",
          """
          package fixture.app;
          import java.util.logging.*;
          public class FixtureHandler extends Handler {
            public static final Level NOTICE = new Notice();
            static final class Notice extends Level { Notice() { super("FIXTURE_NOTICE", 850); } }
            public void publish(LogRecord record) {}
            public void flush() {}
            public void close() {}
          }
          """)),
  /** A security provider of generation code. */
  SECURITY_PROVIDER(
      GenerationState.COLLECTED,
      "",
      "java.security.Security.addProvider(new fixture.app.FixtureProvider());",
      Map.of(
          "fixture.app.FixtureProvider",
          """
          package fixture.app;
          public class FixtureProvider extends java.security.Provider {
            public FixtureProvider() { super("FixtureProvider", "1.0", "a leak fixture"); }
          }
          """)),
  /** A shared worker executor obtained through Vert.x on the generation's context. */
  WORKER_EXECUTOR(
      GenerationState.COLLECTED,
      "",
      """
      vertx.createSharedWorkerExecutor("fixture-pool")
          .executeBlocking(() -> new fixture.app.Lazy());
      """,
      Map.of()),
  /** A generation object pinned from a static field of a host class: only a heap dump finds it. */
  HOST_STATIC(
      GenerationState.LEAKED,
      "static field of a host class",
      "io.hotswap.testing.Probe.pin(getClass());",
      Map.of());

  private final GenerationState verdict;
  private final String culprit;
  private final String start;
  private final Map<String, String> sources;

  LeakFixture(GenerationState verdict, String culprit, String start, Map<String, String> sources) {
    this.verdict = verdict;
    this.culprit = culprit;
    this.start = start;
    this.sources = sources;
  }

  /** COLLECTED or LEAKED: the state the generation must end in after it retires. */
  public GenerationState verdict() {
    return verdict;
  }

  /** For a LEAKED verdict, text the generation's failure must contain; else empty. */
  public String culprit() {
    return culprit;
  }

  /** Compiles this fixture into a fresh directory under {@code workDir}. */
  public Path compile(Path workDir) {
    return Fixture.compileApp(workDir, name().toLowerCase(java.util.Locale.ROOT), start, sources);
  }
}
