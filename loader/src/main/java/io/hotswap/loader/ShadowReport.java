package io.hotswap.loader;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The snapshot classes that the host classpath also has: under the reload boundary they either
 * never reload or exist twice.
 *
 * <p>Built once per generation (it can run after the cutover); each class is looked up with {@code
 * parent.getResource(path)}. Immutable and thread-safe.
 */
public final class ShadowReport {

  private final List<ShadowedClass> shadowed;

  private ShadowReport(List<ShadowedClass> shadowed) {
    this.shadowed = List.copyOf(shadowed);
  }

  /**
   * The shadowed classes of {@code snapshot} against the host loader {@code parent}.
   *
   * @param snapshot the generation's snapshot
   * @param parent the loader the generation loader delegates to
   * @param policy the generation loader's parent-first policy
   */
  public static ShadowReport of(Snapshot snapshot, ClassLoader parent, ParentFirstPolicy policy) {
    List<ShadowedClass> found = new ArrayList<>();
    for (String name : snapshot.classNames()) {
      if (parent.getResource(name.replace('.', '/') + ".class") != null) {
        found.add(
            new ShadowedClass(
                name,
                policy.isParentFirst(name)
                    ? ShadowedClass.Kind.SERVED_BY_HOST
                    : ShadowedClass.Kind.ALSO_ON_HOST));
      }
    }
    return new ShadowReport(found);
  }

  /** The shadowed classes in name order. */
  public List<ShadowedClass> shadowed() {
    return shadowed;
  }

  /** Whether no snapshot class is shadowed. */
  public boolean isEmpty() {
    return shadowed.isEmpty();
  }

  /** Logs each shadowed class at WARN, naming the generation as {@code gen-<n>}. */
  public void log(Logger log, long generation) {
    for (ShadowedClass shadowedClass : shadowed) {
      if (shadowedClass.kind() == ShadowedClass.Kind.SERVED_BY_HOST) {
        log.warn(
            "gen-{}: {} is in a parent-first package and on the host classpath: the host's copy is"
                + " used and it never reloads",
            generation,
            shadowedClass.className());
      } else {
        log.warn(
            "gen-{}: {} is also on the host classpath: host code sees the host's copy, a different"
                + " class from the generation's",
            generation,
            shadowedClass.className());
      }
    }
  }

  @Override
  public String toString() {
    return "ShadowReport" + shadowed;
  }
}
