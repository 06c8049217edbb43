package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.loader.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GenerationClassLoader#defineAll(java.util.Collection, DefineWorkers)} on several threads
 * over a module whose classes extend, implement and nest in each other across chains, so that
 * threads meet on the same supertypes: every class once, by the generation's loader, none
 * initialized, and the same failures as on one thread.
 */
@Timeout(120) // a deadlock fails the test instead of hanging the build
class ParallelDefineTest {
  private static final int CHAINS = 16;
  private static final int DEPTH = 10;
  private static final int REPEATS = 10;

  /** More threads than a small machine has processors, each used however few classes there are. */
  private static final DefineWorkers WORKERS = DefineWorkers.of(3, 1);

  @TempDir static Path dir;
  private static Map<String, String> sources;
  private static Path hierarchy;

  @BeforeAll
  static void compileHierarchy() {
    sources = hierarchySources();
    hierarchy = JavaSourceCompiler.compile(dir.resolve("hierarchy"), sources);
  }

  @Test
  void defineAll_deepHierarchiesOnSeveralThreads_definesEveryClassOnceWithoutInitializing()
      throws Exception {
    Snapshot snapshot = new Snapshotter(CodeSource.of(hierarchy)).take();
    assertThat(snapshot.classNames()).hasSizeGreaterThan(CHAINS * DEPTH * 4);

    for (int repeat = 0; repeat < REPEATS; repeat++) {
      GenerationClassLoader loader = loader(snapshot);

      assertThat(loader.defineAll(List.of(), WORKERS)).isEmpty();

      for (String name : snapshot.classNames()) {
        Class<?> type = Class.forName(name, false, loader);
        assertThat(type.getClassLoader()).as(name).isSameAs(loader);
        Class<?> superclass = type.getSuperclass();
        if (superclass != null && superclass.getName().startsWith("p.")) {
          assertThat(Class.forName(superclass.getName(), false, loader)).isSameAs(superclass);
        }
      }
      // p.Root's static initializer throws: had defineAll initialized anything, it would have.
      String deepest = className(0, DEPTH - 1);
      assertThatThrownBy(() -> Class.forName(deepest, true, loader))
          .isInstanceOf(ExceptionInInitializerError.class);
    }
  }

  @Test
  void defineAll_twoBrokenClassesOnSeveralThreads_alwaysReportsTheFirstInNameOrder()
      throws Exception {
    Map<String, String> withBroken = new HashMap<>(sources);
    withBroken.put("p.a.Broken", "package p.a; public class Broken { int x; void f() {} }");
    withBroken.put("p.z.Broken", "package p.z; public class Broken { int y; void g() {} }");
    Path classes = JavaSourceCompiler.compile(dir.resolve("broken"), withBroken);
    JavaSourceCompiler.truncate(JavaSourceCompiler.classFile(classes, "p.z.Broken"));
    JavaSourceCompiler.truncate(JavaSourceCompiler.classFile(classes, "p.a.Broken"));
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();

    for (int repeat = 0; repeat < REPEATS; repeat++) {
      GenerationClassLoader loader = loader(snapshot);
      assertThatThrownBy(() -> loader.defineAll(null, WORKERS))
          .isInstanceOfSatisfying(
              ClassDefinitionException.class,
              e -> {
                assertThat(e.className()).isEqualTo("p.a.Broken");
                assertThat(e.getCause()).isInstanceOf(ClassFormatError.class);
              });
    }
    // The sequential define agrees.
    assertThatThrownBy(() -> loader(snapshot).defineAll())
        .isInstanceOfSatisfying(
            ClassDefinitionException.class, e -> assertThat(e.className()).isEqualTo("p.a.Broken"));
  }

  @Test
  void defineAll_missingSuperclassOnSeveralThreads_failsTheFirstSubclassInNameOrder()
      throws Exception {
    Path classes = JavaSourceCompiler.compile(dir.resolve("rootless"), sources);
    Files.delete(JavaSourceCompiler.classFile(classes, "p.Root"));
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();
    // Every class of every chain extends p.Root at last; the first in name order fails.
    String first =
        snapshot.classNames().stream()
            .filter(name -> name.startsWith("p.c") && !name.contains(".J"))
            .findFirst()
            .orElseThrow();

    for (int repeat = 0; repeat < REPEATS; repeat++) {
      GenerationClassLoader loader = loader(snapshot);
      assertThatThrownBy(() -> loader.defineAll(null, WORKERS))
          .isInstanceOfSatisfying(
              ClassDefinitionException.class,
              e -> {
                assertThat(e.className()).isEqualTo(first);
                assertThat(e.getCause()).isInstanceOf(NoClassDefFoundError.class);
              })
          .hasMessageContaining("p/Root");
    }
  }

  @Test
  void defineAll_unreachableClassMissingItsSuperclassOnSeveralThreads_isListedAndTheRestLinks()
      throws Exception {
    Map<String, String> withPlugin = new HashMap<>(sources);
    withPlugin.put("optional.Dep", "package optional; public class Dep {}");
    withPlugin.put("p.m.Plugin", "package p.m; public class Plugin extends optional.Dep {}");
    withPlugin.put(
        "p.m.Entry",
        "package p.m; public class Entry { Object f() { return new " + className(3, 4) + "(); } }");
    Path classes = JavaSourceCompiler.compile(dir.resolve("lenient"), withPlugin);
    Files.delete(JavaSourceCompiler.classFile(classes, "optional.Dep"));
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();

    for (int repeat = 0; repeat < REPEATS; repeat++) {
      GenerationClassLoader loader = loader(snapshot);

      List<UnlinkedClass> unlinked = loader.defineAll(List.of("p.m.Entry"), WORKERS);

      assertThat(unlinked).extracting(UnlinkedClass::className).containsExactly("p.m.Plugin");
      assertThat(unlinked.get(0).cause()).contains("NoClassDefFoundError").contains("optional/Dep");
      assertThat(Class.forName(className(3, 4), false, loader).getClassLoader()).isSameAs(loader);
    }
    // Reachable, it fails as on one thread.
    assertThatThrownBy(() -> loader(snapshot).defineAll(List.of("p.m.Plugin"), WORKERS))
        .isInstanceOfSatisfying(
            ClassDefinitionException.class, e -> assertThat(e.className()).isEqualTo("p.m.Plugin"));
  }

  private static GenerationClassLoader loader(Snapshot snapshot) throws Exception {
    return new GenerationClassLoader(
        1,
        snapshot,
        ParallelDefineTest.class.getClassLoader(),
        ParentFirstPolicy.defaults(),
        TestFiles.of(snapshot));
  }

  /**
   * {@code CHAINS} chains of {@code DEPTH} classes, each extending the one above it and
   * implementing an interface that extends the one above it, each with a static nested class that
   * extends the nested class above and an inner class, a field typed with a class of the next chain
   * and a method whose verification loads two classes of the next chain; every chain starts at
   * {@code p.Root}, whose static initializer throws. In every other chain the names sort deepest
   * first, so that threads taking names in order meet on supertypes.
   */
  private static Map<String, String> hierarchySources() {
    Map<String, String> all = new HashMap<>();
    all.put(
        "p.Root",
        "package p; public class Root { static { if (true) throw new IllegalStateException(\"Root"
            + " initialized\"); } public static class Nested {} }");
    for (int chain = 0; chain < CHAINS; chain++) {
      for (int depth = 0; depth < DEPTH; depth++) {
        String type = className(chain, depth);
        String face = interfaceName(chain, depth);
        String above = depth == 0 ? "p.Root" : className(chain, depth - 1);
        String faceAbove = depth == 0 ? null : interfaceName(chain, depth - 1);
        String peer = className((chain + 1) % CHAINS, DEPTH - 1 - depth);
        all.put(
            face,
            packageOf(face)
                + "public interface "
                + simpleName(face)
                + (faceAbove == null ? "" : " extends " + faceAbove)
                + " { default int depth() { return "
                + depth
                + "; } }");
        all.put(
            type,
            packageOf(type)
                + "public class "
                + simpleName(type)
                + " extends "
                + above
                + " implements "
                + face
                + " { public "
                + peer
                + " peer; public static class Nested extends "
                + above
                + ".Nested implements "
                + face
                + " {} public class Inner extends Nested { "
                + peer
                + ".Nested next; } public "
                + peer
                + ".Nested pick("
                + peer
                + ".Inner inner) { return inner; } }");
      }
    }
    return all;
  }

  private static String className(int chain, int depth) {
    return String.format(Locale.ROOT, "p.c%02d.K%02d", chain, rank(chain, depth));
  }

  private static String interfaceName(int chain, int depth) {
    return String.format(Locale.ROOT, "p.c%02d.J%02d", chain, rank(chain, depth));
  }

  private static int rank(int chain, int depth) {
    return chain % 2 == 0 ? DEPTH - 1 - depth : depth;
  }

  private static String packageOf(String name) {
    return "package " + name.substring(0, name.lastIndexOf('.')) + "; ";
  }

  private static String simpleName(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
