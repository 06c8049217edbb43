package io.hotswap.loader.cleanup;

import java.beans.Introspector;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Flushes the JDK caches that can pin a retired generation's classes: {@link
 * Introspector#flushCaches()}, {@link ResourceBundle#clearCache(ClassLoader)} and, on JDKs whose
 * {@code ObjectStreamClass.Caches} are maps (before the {@code ClassValue}-based caches of
 * JDK-8277072), those maps, which needs {@code --add-opens java.base/java.io}. Thread-safe.
 */
final class JdkCacheFlusher implements LeakPattern {
  private static final String SKIPPED = "ObjectStreamClass caches";

  private final JdkAccess access;

  JdkCacheFlusher(JdkAccess access) {
    this.access = access;
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    Introspector.flushCaches();
    ResourceBundle.clearCache(code.loader());
    clearSerializationCaches();
  }

  private void clearSerializationCaches() {
    Class<?> caches;
    try {
      caches = Class.forName(ObjectStreamClass.class.getName() + "$Caches");
    } catch (ClassNotFoundException e) {
      return;
    }
    for (Field field : caches.getDeclaredFields()) {
      if (Map.class.isAssignableFrom(field.getType())) {
        access
            .field(caches, field.getName(), SKIPPED)
            .map(open -> JdkAccess.read(open, null))
            .ifPresent(map -> ((Map<?, ?>) map).clear());
      }
    }
  }
}
