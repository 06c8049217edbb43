package io.hotswap.loader.cleanup;

import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Names what still references a retired generation's loader, by asking every {@link LeakPattern} it
 * knows; what {@link LeakInspector} asks when a loader was not collected. The host's cleaner
 * implements it, so the search covers the patterns of host libraries too.
 *
 * <p>Implementations are thread-safe.
 */
public interface HolderSearch {

  /**
   * What references {@code loader} now, one description per holder, without changing anything;
   * empty when the loader was collected meanwhile or no pattern holds it. Holds the loader strongly
   * only during the call.
   */
  List<String> findHolders(String label, WeakReference<ClassLoader> loader);
}
