package io.hotswap.testing;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependencies between the Java packages under a root, read from the compiled main classes on
 * the test classpath (every class reference in their constant pools), and the cycles among them.
 *
 * <p>Immutable once read; thread-safe.
 */
public final class PackageGraph {
  private final Map<String, Map<String, Set<String>>> edges;

  private PackageGraph(Map<String, Map<String, Set<String>>> edges) {
    this.edges = edges;
  }

  /** Reads the graph of the packages under {@code root} (e.g. {@code io.hotswap}). */
  public static PackageGraph of(String root) {
    Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackages(root)
            .enableInterClassDependencies()
            .enableExternalClasses()
            .scan()) {
      for (ClassInfo type : scan.getAllClasses()) {
        String from = type.getPackageName();
        if (!isMainClass(type) || (!from.equals(root) && !from.startsWith(root + "."))) {
          continue;
        }
        edges.computeIfAbsent(from, p -> new TreeMap<>());
        for (ClassInfo dependency : type.getClassDependencies()) {
          String to = dependency.getPackageName();
          if (!to.equals(from) && (to.equals(root) || to.startsWith(root + "."))) {
            edges
                .get(from)
                .computeIfAbsent(to, p -> new TreeSet<>())
                .add(type.getName() + " -> " + dependency.getName());
          }
        }
      }
    }
    return new PackageGraph(edges);
  }

  /**
   * Whether {@code type} is a class of a module's main code, not of its tests (test classes and
   * test jars are on the test classpath too).
   */
  public static boolean isMainClass(ClassInfo type) {
    if (type.isExternalClass()) {
      return false;
    }
    String element = type.getClasspathElementFile().getPath();
    return !element.contains("test-classes") && !element.endsWith("-tests.jar");
  }

  /**
   * The class dependencies "from -> to" of the main classes under package {@code from} on classes
   * whose names start with one of {@code prefixes}: what a module's layout test asserts on.
   */
  public static List<String> edges(String from, String... prefixes) {
    List<String> found = new ArrayList<>();
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackages(from)
            .enableInterClassDependencies()
            .enableExternalClasses()
            .scan()) {
      for (ClassInfo type : scan.getAllClasses()) {
        if (!isMainClass(type) || !type.getPackageName().startsWith(from)) {
          continue;
        }
        for (ClassInfo dependency : type.getClassDependencies()) {
          for (String prefix : prefixes) {
            if (dependency.getName().startsWith(prefix)) {
              found.add(type.getName() + " -> " + dependency.getName());
            }
          }
        }
      }
    }
    return found;
  }

  /** The packages read. */
  public Set<String> packages() {
    return edges.keySet();
  }

  /**
   * The graph without the dependencies of class {@code from}: an API entry point whose factory
   * names its implementation (the one back edge an API package has).
   */
  public PackageGraph withoutClass(String from) {
    Map<String, Map<String, Set<String>>> copy = new TreeMap<>();
    String prefix = from + " -> ";
    edges.forEach(
        (pkg, targets) -> {
          Map<String, Set<String>> kept = new TreeMap<>();
          targets.forEach(
              (target, why) -> {
                Set<String> left = new TreeSet<>(why);
                left.removeIf(edge -> edge.startsWith(prefix));
                if (!left.isEmpty()) {
                  kept.put(target, left);
                }
              });
          copy.put(pkg, kept);
        });
    return new PackageGraph(copy);
  }

  /**
   * The cycles: each strongly connected set of two or more packages, with the class references that
   * make its edges, so a failure says what to cut.
   */
  public List<String> cycles() {
    List<String> found = new ArrayList<>();
    for (Set<String> component : stronglyConnected()) {
      if (component.size() < 2) {
        continue;
      }
      StringBuilder text = new StringBuilder("cycle " + component + ":");
      for (String from : component) {
        edges
            .get(from)
            .forEach(
                (to, why) -> {
                  if (component.contains(to)) {
                    text.append("\n  ").append(from).append(" -> ").append(to).append(" ");
                    text.append(why.iterator().next());
                  }
                });
      }
      found.add(text.toString());
    }
    return found;
  }

  private List<Set<String>> stronglyConnected() {
    Tarjan tarjan = new Tarjan();
    for (String pkg : edges.keySet()) {
      if (!tarjan.index.containsKey(pkg)) {
        tarjan.connect(pkg);
      }
    }
    return tarjan.components;
  }

  /** Tarjan's strongly connected components over {@link #edges}; one use. */
  private final class Tarjan {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> components = new ArrayList<>();
    private int next;

    private void connect(String pkg) {
      index.put(pkg, next);
      low.put(pkg, next);
      next++;
      stack.push(pkg);
      onStack.add(pkg);
      for (String target : edges.getOrDefault(pkg, Map.of()).keySet()) {
        if (!index.containsKey(target)) {
          connect(target);
          low.put(pkg, Math.min(low.get(pkg), low.get(target)));
        } else if (onStack.contains(target)) {
          low.put(pkg, Math.min(low.get(pkg), index.get(target)));
        }
      }
      if (low.get(pkg).equals(index.get(pkg))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(pkg));
        components.add(component);
      }
    }
  }
}
