package io.hotswap.loader.cleanup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deregisters JDBC drivers a retired generation registered with {@link java.sql.DriverManager},
 * which would otherwise hold them, and so the generation's loader, for the life of the JVM. Runs
 * {@link DriverDeregistrar} from a throwaway child loader of the retired loader (see there why). No
 * {@code --add-opens} needed. Thread-safe.
 */
final class JdbcDriverCleaner implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcDriverCleaner.class);
  private static final String DEREGISTRAR = DriverDeregistrar.class.getName();
  private static final byte[] BYTES = deregistrarBytes();

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    for (String driver : run(code, true)) {
      if (driver.contains("(not deregistered")) {
        report.remaining("JDBC driver " + driver);
      } else {
        report.released("JDBC driver " + driver);
        LOG.info("{}: deregistered its JDBC driver {}", code.label(), driver);
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    run(code, false).forEach(driver -> holders.add("JDBC driver " + driver + " is registered"));
  }

  private static List<String> run(RetiredCode code, boolean deregister) {
    if (BYTES == null || !seesJdbc(code.loader())) {
      return List.of();
    }
    try {
      Class<?> type = new DeregistrarLoader(code.loader()).loadClass(DEREGISTRAR);
      @SuppressWarnings("unchecked")
      BiFunction<ClassLoader, Boolean, List<String>> deregistrar =
          (BiFunction<ClassLoader, Boolean, List<String>>)
              type.getDeclaredConstructor().newInstance();
      return deregistrar.apply(code.loader(), deregister);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.warn("{}: cannot look for its JDBC drivers: {}", code.label(), e.toString());
      return List.of();
    }
  }

  /** A loader that cannot see {@code java.sql} cannot have defined a driver. */
  private static boolean seesJdbc(ClassLoader loader) {
    try {
      return Class.forName("java.sql.Driver", false, loader) != null;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static byte[] deregistrarBytes() {
    String resource = DEREGISTRAR.replace('.', '/') + ".class";
    try (InputStream in = JdbcDriverCleaner.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** Defines only the deregistrar itself; everything else comes from the retired loader. */
  private static final class DeregistrarLoader extends ClassLoader {
    DeregistrarLoader(ClassLoader parent) {
      super("hotswap-jdbc-cleanup", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(DEREGISTRAR)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : defineClass(name, BYTES, 0, BYTES.length);
      }
    }
  }
}
