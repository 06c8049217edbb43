package io.hotswap.loader;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The classes of a snapshot reachable from its entry points through the references in their class
 * files ({@link ClassReferences}), transitively, within the snapshot: what the generation's code
 * may link while it runs from those entry points. A class file that cannot be parsed is reachable
 * when something reachable names it, and its references are then unknown: it will fail the
 * generation when it is defined anyway.
 *
 * <p>Stateless and thread-safe.
 */
final class Reachability {
  private Reachability() {}

  /** The binary names in {@code snapshot} reachable from {@code roots} (roots included). */
  static Set<String> from(Snapshot snapshot, Collection<String> roots) {
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    for (String root : roots) {
      if (reached.add(root)) {
        pending.add(root);
      }
    }
    while (!pending.isEmpty()) {
      String name = pending.poll();
      Optional<java.nio.ByteBuffer> bytes = snapshot.resource(name.replace('.', '/') + ".class");
      if (bytes.isEmpty()) {
        continue; // a host class, or a class nobody ships
      }
      Set<String> referenced;
      try {
        referenced = ClassReferences.of(bytes.get());
      } catch (IllegalArgumentException malformed) {
        continue;
      }
      for (String next : referenced) {
        if (!reached.contains(next) && snapshot.contains(next.replace('.', '/') + ".class")) {
          reached.add(next);
          pending.add(next);
        }
      }
    }
    return reached;
  }
}
