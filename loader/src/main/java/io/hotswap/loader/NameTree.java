package io.hotswap.loader;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A persistent sorted map from names to values: every change returns a new tree that shares all but
 * the changed path with the old one, so adding, replacing or removing one name costs O(log n) and
 * never re-sorts the others. Names are ordered as {@link String#compareTo} orders them, the order
 * of {@link java.util.TreeMap} with natural ordering.
 *
 * <p>Design notes: an AVL tree with path copying; each node also keeps the size of its subtree, so
 * the i-th name and the rank of a name are O(log n) too (what the sorted views of {@link Snapshot}
 * are built on). Immutable and thread-safe: nodes are never modified after construction.
 *
 * @param <V> the value type; values are compared by identity to tell an unchanged put
 */
final class NameTree<V> {

  private static final NameTree<?> EMPTY = new NameTree<>(null);

  private final Node<V> root;

  private NameTree(Node<V> root) {
    this.root = root;
  }

  /** The tree with no names. */
  @SuppressWarnings("unchecked")
  static <V> NameTree<V> empty() {
    return (NameTree<V>) EMPTY;
  }

  /**
   * A balanced tree of {@code keys} (strictly ascending, not checked) to the values at the same
   * index, built in O(n) without comparing names.
   */
  static <V> NameTree<V> fromSorted(List<String> keys, List<V> values) {
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException(keys.size() + " keys but " + values.size() + " values");
    }
    return new NameTree<>(build(keys, values, 0, keys.size()));
  }

  /** The number of names. */
  int size() {
    return size(root);
  }

  /** The value of {@code key}, or {@code null} when absent. */
  V get(String key) {
    Node<V> node = root;
    while (node != null) {
      int c = key.compareTo(node.key);
      if (c == 0) {
        return node.value;
      }
      node = c < 0 ? node.left : node.right;
    }
    return null;
  }

  /** This tree with {@code key} mapped to {@code value}; this tree itself when already so. */
  NameTree<V> with(String key, V value) {
    Node<V> changed = put(root, key, value);
    return changed == root ? this : new NameTree<>(changed);
  }

  /** This tree without {@code key}; this tree itself when {@code key} is absent. */
  NameTree<V> without(String key) {
    Node<V> changed = remove(root, key);
    return changed == root ? this : new NameTree<>(changed);
  }

  /** How many names sort before {@code key} ({@code key} itself need not be present). */
  int rank(String key) {
    int rank = 0;
    Node<V> node = root;
    while (node != null) {
      int c = key.compareTo(node.key);
      if (c <= 0) {
        node = node.left;
      } else {
        rank += size(node.left) + 1;
        node = node.right;
      }
    }
    return rank;
  }

  /** The name at {@code index} in sorted order. */
  String keyAt(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("Index " + index + " of " + size());
    }
    Node<V> node = root;
    int i = index;
    while (true) {
      int left = size(node.left);
      if (i < left) {
        node = node.left;
      } else if (i == left) {
        return node.key;
      } else {
        i -= left + 1;
        node = node.right;
      }
    }
  }

  /** The names at indexes {@code from} (inclusive) to {@code to} (exclusive), in order. */
  Iterator<String> keys(int from, int to) {
    return new KeyIterator<>(root, from, to);
  }

  /** Calls {@code action} with every name and value, in name order. */
  void forEach(BiConsumer<String, V> action) {
    forEach(root, action);
  }

  /** The height of the tree (0 when empty); for tests of the balance. */
  int height() {
    return height(root);
  }

  /**
   * How many nodes of this tree are not nodes of {@code other}: what a change from {@code other} to
   * this tree allocated. O(n); for tests of the structure sharing.
   */
  int nodesNotIn(NameTree<V> other) {
    Set<Node<V>> theirs = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(other.root, theirs);
    Set<Node<V>> ours = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(root, ours);
    ours.removeAll(theirs);
    return ours.size();
  }

  private static <V> void collect(Node<V> node, Set<Node<V>> into) {
    if (node != null) {
      into.add(node);
      collect(node.left, into);
      collect(node.right, into);
    }
  }

  private static <V> void forEach(Node<V> node, BiConsumer<String, V> action) {
    if (node != null) {
      forEach(node.left, action);
      action.accept(node.key, node.value);
      forEach(node.right, action);
    }
  }

  private static <V> Node<V> build(List<String> keys, List<V> values, int from, int to) {
    if (from >= to) {
      return null;
    }
    int middle = (from + to) >>> 1;
    return new Node<>(
        keys.get(middle),
        values.get(middle),
        build(keys, values, from, middle),
        build(keys, values, middle + 1, to));
  }

  private static <V> Node<V> put(Node<V> node, String key, V value) {
    if (node == null) {
      return new Node<>(key, value, null, null);
    }
    int c = key.compareTo(node.key);
    if (c < 0) {
      Node<V> left = put(node.left, key, value);
      return left == node.left ? node : balance(node.key, node.value, left, node.right);
    }
    if (c > 0) {
      Node<V> right = put(node.right, key, value);
      return right == node.right ? node : balance(node.key, node.value, node.left, right);
    }
    return value == node.value ? node : new Node<>(key, value, node.left, node.right);
  }

  private static <V> Node<V> remove(Node<V> node, String key) {
    if (node == null) {
      return null;
    }
    int c = key.compareTo(node.key);
    if (c < 0) {
      Node<V> left = remove(node.left, key);
      return left == node.left ? node : balance(node.key, node.value, left, node.right);
    }
    if (c > 0) {
      Node<V> right = remove(node.right, key);
      return right == node.right ? node : balance(node.key, node.value, node.left, right);
    }
    if (node.left == null) {
      return node.right;
    }
    if (node.right == null) {
      return node.left;
    }
    Node<V> min = node.right;
    while (min.left != null) {
      min = min.left;
    }
    return balance(min.key, min.value, node.left, removeMin(node.right));
  }

  private static <V> Node<V> removeMin(Node<V> node) {
    if (node.left == null) {
      return node.right;
    }
    return balance(node.key, node.value, removeMin(node.left), node.right);
  }

  /** A node of {@code key} over {@code left} and {@code right}, rotated back into AVL balance. */
  private static <V> Node<V> balance(String key, V value, Node<V> left, Node<V> right) {
    int lh = height(left);
    int rh = height(right);
    if (lh > rh + 1) {
      if (height(left.left) >= height(left.right)) {
        return new Node<>(
            left.key, left.value, left.left, new Node<>(key, value, left.right, right));
      }
      Node<V> lr = left.right;
      return new Node<>(
          lr.key,
          lr.value,
          new Node<>(left.key, left.value, left.left, lr.left),
          new Node<>(key, value, lr.right, right));
    }
    if (rh > lh + 1) {
      if (height(right.right) >= height(right.left)) {
        return new Node<>(
            right.key, right.value, new Node<>(key, value, left, right.left), right.right);
      }
      Node<V> rl = right.left;
      return new Node<>(
          rl.key,
          rl.value,
          new Node<>(key, value, left, rl.left),
          new Node<>(right.key, right.value, rl.right, right.right));
    }
    return new Node<>(key, value, left, right);
  }

  private static int height(Node<?> node) {
    return node == null ? 0 : node.height;
  }

  private static int size(Node<?> node) {
    return node == null ? 0 : node.size;
  }

  /** One immutable node. */
  private static final class Node<V> {
    final String key;
    final V value;
    final Node<V> left;
    final Node<V> right;
    final int height;
    final int size;

    Node(String key, V value, Node<V> left, Node<V> right) {
      this.key = key;
      this.value = value;
      this.left = left;
      this.right = right;
      this.height = Math.max(height(left), height(right)) + 1;
      this.size = size(left) + size(right) + 1;
    }
  }

  /** In-order from an index: O(log n) to start, amortized O(1) a step. */
  private static final class KeyIterator<V> implements Iterator<String> {
    private final Deque<Node<V>> path = new ArrayDeque<>();
    private int remaining;

    KeyIterator(Node<V> root, int from, int to) {
      remaining = Math.max(0, to - from);
      Node<V> node = remaining == 0 ? null : root;
      int i = from;
      while (node != null) {
        int left = size(node.left);
        if (i < left) {
          path.push(node);
          node = node.left;
        } else if (i == left) {
          path.push(node);
          node = null;
        } else {
          i -= left + 1;
          node = node.right;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return remaining > 0 && !path.isEmpty();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Node<V> node = path.pop();
      for (Node<V> next = node.right; next != null; next = next.left) {
        path.push(next);
      }
      remaining--;
      return node.key;
    }
  }
}
