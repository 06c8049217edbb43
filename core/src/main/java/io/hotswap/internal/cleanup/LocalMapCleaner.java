package io.hotswap.internal.cleanup;

import io.hotswap.loader.cleanup.CleanupReport;
import io.hotswap.loader.cleanup.LeakPattern;
import io.hotswap.loader.cleanup.RetiredCode;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from the host's shared data ({@code vertx.sharedData().getLocalMap(..)} and {@code
 * getLocalAsyncMap(..)}) the entries whose key or value is an object of a retired generation's
 * classes (or a host collection holding one directly), such as a {@code Shareable} holder of a
 * client: shared data outlives every generation, and no other generation can use such an object
 * (its class is not theirs). Entries of host types stay, even when they were put by the retired
 * generation. An entry of a host type that holds the generation's objects deeper down is not found
 * here; the leak report then names no holder (see {@code docs/cleanup.md}).
 *
 * <p>The map registries are private fields of Vert.x's {@code SharedDataImpl}: read by reflection
 * on a host library on the class path, no flag needed. Stateless; thread-safe as the maps are.
 */
final class LocalMapCleaner implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(LocalMapCleaner.class);

  private final Vertx host;

  LocalMapCleaner(Vertx host) {
    this.host = host;
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    visit(
        code,
        (where, entries) -> {
          int before = entries.size();
          entries.entrySet().removeIf(entry -> owned(code, entry.getKey(), entry.getValue()));
          int removed = before - entries.size();
          if (removed > 0) {
            report.released(removed + " entr" + (removed == 1 ? "y" : "ies") + " of " + where);
          }
        });
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    visit(
        code,
        (where, entries) ->
            entries.forEach(
                (key, value) -> {
                  if (owned(code, key, value)) {
                    holders.add(where + " entry '" + key + "'");
                  }
                }));
  }

  private static boolean owned(RetiredCode code, Object key, Object value) {
    return code.ownsShallow(key) || code.ownsShallow(unwrap(value));
  }

  /** Calls {@code visitor} with each local map's (and local async map's) entries. */
  private void visit(RetiredCode code, BiConsumer<String, Map<?, ?>> visitor) {
    Object sharedData = host.sharedData();
    Map<?, ?> maps = (Map<?, ?>) read(sharedData, "localMaps");
    if (maps != null) {
      maps.forEach(
          (name, map) -> {
            if (map instanceof LocalMap<?, ?> local) {
              Map<?, ?> entries = (Map<?, ?>) read(local, "map");
              if (entries != null) {
                visitor.accept("shared-data local map '" + name + "'", entries);
              }
            }
          });
    }
    Map<?, ?> asyncMaps = (Map<?, ?>) read(sharedData, "localAsyncMaps");
    if (asyncMaps != null) {
      asyncMaps.forEach(
          (name, map) -> {
            Map<?, ?> entries = (Map<?, ?>) read(map, "map");
            if (entries != null) {
              visitor.accept("shared-data local async map '" + name + "'", entries);
            }
          });
    }
  }

  /** The value inside a local async map's holder (with its TTL), or {@code value} itself. */
  private static Object unwrap(Object value) {
    if (value != null && value.getClass().getName().endsWith("LocalAsyncMapImpl$Holder")) {
      Object inner = read(value, "value");
      return inner != null ? inner : value;
    }
    return value;
  }

  private static Object read(Object target, String name) {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("cannot read {}.{}: {}", target.getClass().getName(), name, e.toString());
        return null;
      }
    }
    return null;
  }
}
