package io.hotswap.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.hotswap.StatusReport;
import io.hotswap.api.StateStore;
import io.hotswap.internal.endpoint.ParentFirstValues;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's {@link StateStore}: a Caffeine cache bounded by entries and optionally by idle time,
 * with statistics. Values are copied in (refusing anything but parent-first value types) and out,
 * so generations never share a mutable object and the host never keeps a generation's object.
 *
 * <p>Thread-safe: Caffeine's map operations are atomic per key.
 */
public final class CaffeineStateStore implements StateStore {
  private static final String WHAT = "state value";

  private final Cache<String, Object> cache;

  /** Creates a store of at most {@code maxEntries}, evicting entries idle for {@code idle}. */
  public CaffeineStateStore(long maxEntries, Optional<Duration> idle) {
    Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maxEntries).recordStats();
    idle.ifPresent(builder::expireAfterAccess);
    this.cache = builder.build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(String key) {
    Object value = cache.getIfPresent(Objects.requireNonNull(key, "key"));
    return value == null ? null : (T) ParentFirstValues.copyOf(WHAT, key, value);
  }

  @Override
  public void put(String key, Object value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      cache.invalidate(key);
    } else {
      cache.put(key, ParentFirstValues.copyOf(WHAT, key, value));
    }
  }

  @Override
  public boolean putIfAbsent(String key, Object value) {
    Objects.requireNonNull(value, "value");
    return cache.asMap().putIfAbsent(key, ParentFirstValues.copyOf(WHAT, key, value)) == null;
  }

  @Override
  public boolean remove(String key) {
    return cache.asMap().remove(key) != null;
  }

  @Override
  public long addAndGet(String key, long delta) {
    Object result =
        cache
            .asMap()
            .merge(
                key,
                delta,
                (old, added) -> {
                  if (!(old instanceof Long) && !(old instanceof Integer)) {
                    throw new IllegalStateException(
                        "state value '"
                            + key
                            + "' is a "
                            + old.getClass().getName()
                            + ", not a number");
                  }
                  return ((Number) old).longValue() + (Long) added;
                });
    return (Long) result;
  }

  @Override
  public long size() {
    return cache.estimatedSize();
  }

  /** Size and statistics for status views. */
  public StatusReport.StoreStatus status() {
    CacheStats stats = cache.stats();
    return new StatusReport.StoreStatus(
        cache.estimatedSize(), stats.hitCount(), stats.missCount(), stats.evictionCount());
  }
}
