package io.hotswap.api;

/**
 * State that the host keeps across generations, so business code can stay stateless: what one
 * generation puts here the next one reads. Bounded (by entries and, optionally, idle time) and
 * instrumented (hits, misses, evictions in {@code status}).
 *
 * <p>Only values of parent-first types are accepted — {@code String}, boxed primitives, {@code
 * BigInteger}, {@code BigDecimal}, {@code byte[]}, {@code Buffer}, {@code JsonObject} and {@code
 * JsonArray} of plain JSON — and they are copied in and out: a generation object kept by the host
 * would pin its generation's classloader forever. Anything else is refused with an {@link
 * IllegalArgumentException} that says why.
 *
 * <p>Thread-safe; every operation is atomic for its key.
 */
public interface StateStore {

  /** The value stored under {@code key} (a copy), or {@code null}. */
  <T> T get(String key);

  /** Stores a copy of {@code value} under {@code key}; {@code null} removes it. */
  void put(String key, Object value);

  /** Stores {@code value} only if {@code key} has no value; returns whether it did. */
  boolean putIfAbsent(String key, Object value);

  /** Removes {@code key}; returns whether it had a value. */
  boolean remove(String key);

  /**
   * Adds {@code delta} to the number under {@code key} (absent counts as 0) and returns the new
   * value, atomically: concurrent increments from any generation are never lost.
   *
   * @throws IllegalStateException when the key holds something other than a number
   */
  long addAndGet(String key, long delta);

  /** The number of entries (an estimate while entries expire). */
  long size();
}
