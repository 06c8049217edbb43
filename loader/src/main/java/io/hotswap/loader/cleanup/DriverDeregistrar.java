package io.hotswap.loader.cleanup;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Lists, and optionally deregisters, the JDBC drivers defined by one loader. {@link DriverManager}
 * shows and deregisters only drivers that its caller's loader can see, so {@link JdbcDriverCleaner}
 * defines a copy of this class in a throwaway child of the retired loader and calls it through the
 * JDK's {@link BiFunction} (the trick Tomcat's {@code JdbcLeakPrevention} uses). It must reference
 * only JDK classes.
 *
 * <p>Stateless; thread-safe.
 */
public final class DriverDeregistrar implements BiFunction<ClassLoader, Boolean, List<String>> {

  /** Used reflectively by {@link JdbcDriverCleaner}. */
  public DriverDeregistrar() {}

  /**
   * The drivers defined by {@code loader}, as {@code class name}; each deregistered first when
   * {@code deregister} is true (a failure is listed with {@code " (not deregistered: ...)"}).
   */
  @Override
  public List<String> apply(ClassLoader loader, Boolean deregister) {
    List<String> found = new ArrayList<>();
    for (Driver driver : Collections.list(DriverManager.getDrivers())) {
      if (driver.getClass().getClassLoader() != loader) {
        continue;
      }
      String name = driver.getClass().getName();
      if (deregister) {
        try {
          DriverManager.deregisterDriver(driver);
        } catch (SQLException | SecurityException e) {
          name += " (not deregistered: " + e + ")";
        }
      }
      found.add(name);
    }
    return found;
  }
}
