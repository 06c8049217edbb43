package io.hotswap.loader;

import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;

/**
 * The names of a {@link NameTree} from {@code low} (inclusive, {@code null}: unbounded) to {@code
 * high} (exclusive, {@code null}: unbounded) as an unmodifiable sorted set: a view, no copy; size,
 * membership and the first and last name are O(log n).
 *
 * <p>Immutable and thread-safe, as the tree is.
 */
final class NameSet extends AbstractSet<String> implements SortedSet<String> {

  private final NameTree<?> tree;
  private final String low;
  private final String high;

  NameSet(NameTree<?> tree, String low, String high) {
    this.tree = tree;
    this.low = low;
    this.high = high;
  }

  /** All names of {@code tree}. */
  static NameSet of(NameTree<?> tree) {
    return new NameSet(tree, null, null);
  }

  private int from() {
    return low == null ? 0 : tree.rank(low);
  }

  private int to() {
    return high == null ? tree.size() : tree.rank(high);
  }

  private boolean inRange(String name) {
    return (low == null || name.compareTo(low) >= 0) && (high == null || name.compareTo(high) < 0);
  }

  @Override
  public int size() {
    return Math.max(0, to() - from());
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof String name && inRange(name) && tree.get(name) != null;
  }

  @Override
  public Iterator<String> iterator() {
    return tree.keys(from(), to());
  }

  @Override
  public Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public SortedSet<String> subSet(String fromElement, String toElement) {
    if (fromElement.compareTo(toElement) > 0) {
      throw new IllegalArgumentException(fromElement + " > " + toElement);
    }
    return new NameSet(tree, max(low, fromElement), min(high, toElement));
  }

  @Override
  public SortedSet<String> headSet(String toElement) {
    return new NameSet(tree, low, min(high, toElement));
  }

  @Override
  public SortedSet<String> tailSet(String fromElement) {
    return new NameSet(tree, max(low, fromElement), high);
  }

  @Override
  public String first() {
    if (isEmpty()) {
      throw new NoSuchElementException();
    }
    return tree.keyAt(from());
  }

  @Override
  public String last() {
    if (isEmpty()) {
      throw new NoSuchElementException();
    }
    return tree.keyAt(to() - 1);
  }

  private static String max(String bound, String other) {
    return bound == null || other.compareTo(bound) > 0 ? other : bound;
  }

  private static String min(String bound, String other) {
    return bound == null || other.compareTo(bound) < 0 ? other : bound;
  }
}
