package io.hotswap.loader.testing;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A stand-in for a retired generation's loader: a {@code URLClassLoader} named {@code
 * hotswap-gen-9}, with no parent, over the test classes, so that the {@link Marker} it loads is a
 * class of its own ("generation code") that the cleanup tests can leave in a ThreadLocal or a
 * thread's context. Stateless; thread-safe.
 */
public final class StandInLoader {
  private StandInLoader() {}

  /** Loaded a second time by the stand-in loader: an object of "generation code". */
  public static final class Marker {
    /** For reflection. */
    public Marker() {}
  }

  /** A new stand-in loader; close it when done. */
  public static URLClassLoader create() {
    URL classes = Marker.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader("hotswap-gen-9", new URL[] {classes}, null);
  }

  /** A {@link Marker} whose class {@code loader} defined. */
  public static Object newMarker(ClassLoader loader) throws ReflectiveOperationException {
    return loader.loadClass(Marker.class.getName()).getConstructor().newInstance();
  }
}
