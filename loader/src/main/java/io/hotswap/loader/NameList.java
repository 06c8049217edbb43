package io.hotswap.loader;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.RandomAccess;

/**
 * The names of a {@link NameTree} as an unmodifiable sorted list: a view, no copy; {@code get},
 * {@code contains} and {@code indexOf} are O(log n), iteration O(1) a step.
 *
 * <p>Immutable and thread-safe, as the tree is.
 */
final class NameList extends AbstractList<String> implements RandomAccess {

  private final NameTree<?> tree;

  NameList(NameTree<?> tree) {
    this.tree = tree;
  }

  @Override
  public String get(int index) {
    return tree.keyAt(index);
  }

  @Override
  public int size() {
    return tree.size();
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof String name && tree.get(name) != null;
  }

  @Override
  public int indexOf(Object o) {
    return contains(o) ? tree.rank((String) o) : -1;
  }

  @Override
  public int lastIndexOf(Object o) {
    return indexOf(o);
  }

  @Override
  public Iterator<String> iterator() {
    return tree.keys(0, tree.size());
  }
}
