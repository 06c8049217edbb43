package io.hotswap.internal.compat;

import io.hotswap.internal.cleanup.GenerationScopedMaps;
import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.shareddata.SharedData;

/**
 * The shared data unmodified code sees inside a generation: the host's, except the local maps that
 * must be a generation's own ({@link GenerationScopedMaps}: vertx-web's template cache), which get
 * a name of the generation's. Maps, counters and locks of every other name are shared with every
 * generation, as they are between the verticles of one plain Vert.x.
 *
 * <p>Thread-safe as the host's shared data is.
 */
final class GenerationSharedData implements SharedData {
  private final SharedData host;
  private final String label;

  GenerationSharedData(SharedData host, String label) {
    this.host = host;
    this.label = label;
  }

  @Override
  public <K, V> LocalMap<K, V> getLocalMap(String name) {
    return host.getLocalMap(GenerationScopedMaps.nameFor(name, label));
  }

  @Override
  public <K, V> Future<AsyncMap<K, V>> getClusterWideMap(String name) {
    return host.getClusterWideMap(name);
  }

  @Override
  public <K, V> Future<AsyncMap<K, V>> getAsyncMap(String name) {
    return host.getAsyncMap(name);
  }

  @Override
  public <K, V> Future<AsyncMap<K, V>> getLocalAsyncMap(String name) {
    return host.getLocalAsyncMap(name);
  }

  @Override
  public Future<Lock> getLock(String name) {
    return host.getLock(name);
  }

  @Override
  public Future<Lock> getLockWithTimeout(String name, long timeout) {
    return host.getLockWithTimeout(name, timeout);
  }

  @Override
  public Future<Lock> getLocalLock(String name) {
    return host.getLocalLock(name);
  }

  @Override
  public Future<Lock> getLocalLockWithTimeout(String name, long timeout) {
    return host.getLocalLockWithTimeout(name, timeout);
  }

  @Override
  public Future<Counter> getCounter(String name) {
    return host.getCounter(name);
  }

  @Override
  public Future<Counter> getLocalCounter(String name) {
    return host.getLocalCounter(name);
  }
}
