package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NameTreeTest {

  @Test
  void withAndWithout_randomOperations_matchTreeMapAndStayBalanced() {
    Random random = new Random(19);
    TreeMap<String, Integer> expected = new TreeMap<>();
    NameTree<Integer> tree = NameTree.empty();
    for (int step = 0; step < 20_000; step++) {
      String key = "k" + random.nextInt(2_000);
      if (random.nextInt(3) == 0) {
        expected.remove(key);
        tree = tree.without(key);
      } else {
        Integer value = step;
        expected.put(key, value);
        tree = tree.with(key, value);
      }
      if (step % 1_000 == 0) {
        assertSameContent(tree, expected);
      }
    }
    assertSameContent(tree, expected);
  }

  @Test
  void with_oldTree_isUnchanged() {
    NameTree<String> before = NameTree.<String>empty().with("a", "1").with("b", "2");

    NameTree<String> after = before.with("a", "one").without("b").with("c", "3");

    assertThat(keys(before)).containsExactly("a", "b");
    assertThat(before.get("a")).isEqualTo("1");
    assertThat(keys(after)).containsExactly("a", "c");
    assertThat(after.get("a")).isEqualTo("one");
  }

  @Test
  void withAndWithout_noChange_returnSameTree() {
    String value = "v";
    NameTree<String> tree = NameTree.<String>empty().with("a", value);

    assertThat(tree.with("a", value)).isSameAs(tree);
    assertThat(tree.without("missing")).isSameAs(tree);
  }

  @Test
  void with_oneOfFiveThousandReplaced_sharesAllButOnePath() {
    NameTree<Integer> tree = sortedTree(5_000);

    NameTree<Integer> replaced = tree.with(key(2_345), -1);
    NameTree<Integer> added = tree.with(key(2_345) + "x", -1);
    NameTree<Integer> removed = tree.without(key(2_345));

    // A balanced tree of 5,000 is 13 deep; a change copies one root-to-leaf path (and rotations).
    assertThat(tree.height()).isEqualTo(13);
    assertThat(replaced.nodesNotIn(tree)).isBetween(1, tree.height());
    assertThat(added.nodesNotIn(tree)).isLessThanOrEqualTo(tree.height() + 3);
    assertThat(removed.nodesNotIn(tree)).isLessThanOrEqualTo(tree.height() + 3);
    assertThat(replaced.get(key(2_345))).isEqualTo(-1);
    assertThat(tree.get(key(2_345))).isEqualTo(2_345);
  }

  @Test
  void fromSorted_keysAndValues_balancedInOrder() {
    NameTree<Integer> tree = sortedTree(1_000);

    assertThat(tree.size()).isEqualTo(1_000);
    assertThat(tree.height()).isEqualTo(10);
    assertThat(tree.keyAt(0)).isEqualTo(key(0));
    assertThat(tree.keyAt(999)).isEqualTo(key(999));
    assertThat(tree.rank(key(500))).isEqualTo(500);
    assertThatThrownBy(() -> tree.keyAt(1_000)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void nameSet_ranges_matchTreeSet() {
    TreeSet<String> expected = new TreeSet<>();
    NameTree<Boolean> tree = NameTree.empty();
    for (String name :
        List.of("a/A.class", "a/B.class", "a/b/C.class", "a.txt", "b/D.class", "a/", "ab")) {
      expected.add(name);
      tree = tree.with(name, Boolean.TRUE);
    }
    NameSet all = NameSet.of(tree);
    SortedSet<String> under = new NameSet(tree, "a/", "a/" + Character.MAX_VALUE);

    assertThat(all).containsExactlyElementsOf(expected);
    assertThat(under)
        .containsExactlyElementsOf(expected.subSet("a/", "a/" + Character.MAX_VALUE))
        .hasSize(4);
    assertThat(under.first()).isEqualTo("a/");
    assertThat(under.last()).isEqualTo("a/b/C.class");
    assertThat(under.contains("a.txt")).isFalse();
    assertThat(under.contains("a/B.class")).isTrue();
    assertThat(under.headSet("a/B")).containsExactly("a/", "a/A.class");
    assertThat(under.tailSet("a/B")).containsExactly("a/B.class", "a/b/C.class");
    assertThat(all.subSet("a/B", "b")).containsExactlyElementsOf(expected.subSet("a/B", "b"));
    assertThat(all.headSet("a")).isEmpty();
    assertThatThrownBy(() -> all.headSet("a").first()).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> all.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(all).isEqualTo(expected).hasSameHashCodeAs(expected);
  }

  @Test
  void nameList_getContainsIndexOf_matchSortedList() {
    NameTree<Integer> tree = sortedTree(100);
    NameList list = new NameList(tree);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(key(i));
    }

    assertThat(list).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(list.get(42)).isEqualTo(key(42));
    assertThat(list.indexOf(key(42))).isEqualTo(42);
    assertThat(list.indexOf("missing")).isEqualTo(-1);
    assertThat(list.contains(key(99))).isTrue();
    assertThatThrownBy(() -> list.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertSameContent(NameTree<Integer> tree, TreeMap<String, Integer> expected) {
    assertThat(tree.size()).isEqualTo(expected.size());
    assertThat(keys(tree)).containsExactlyElementsOf(expected.keySet());
    List<Integer> values = new ArrayList<>();
    tree.forEach((key, value) -> values.add(value));
    assertThat(values).containsExactlyElementsOf(expected.values());
    int i = 0;
    for (String key : expected.keySet()) {
      assertThat(tree.keyAt(i)).isEqualTo(key);
      assertThat(tree.rank(key)).isEqualTo(i);
      assertThat(tree.get(key)).isEqualTo(expected.get(key));
      i++;
    }
    // An AVL tree of n nodes is at most 1.44 log2(n + 2) deep.
    double bound = 1.4405 * Math.log(expected.size() + 2) / Math.log(2);
    assertThat((double) tree.height()).isLessThanOrEqualTo(bound);
  }

  private static List<String> keys(NameTree<?> tree) {
    List<String> keys = new ArrayList<>();
    tree.keys(0, tree.size()).forEachRemaining(keys::add);
    return keys;
  }

  private static NameTree<Integer> sortedTree(int size) {
    List<String> keys = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      keys.add(key(i));
      values.add(i);
    }
    return NameTree.fromSorted(keys, values);
  }

  private static String key(int i) {
    return String.format("com/acme/C%05d.class", i);
  }
}
