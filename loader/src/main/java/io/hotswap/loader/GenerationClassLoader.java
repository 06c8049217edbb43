package io.hotswap.loader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.security.CodeSigner;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The child-first class loader of one generation, defining classes only from its snapshot.
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>Delegation: a parent-first name (see {@link ParentFirstPolicy}) goes to the parent first
 *       and to the snapshot only when the parent lacks it; any other name is defined from the
 *       snapshot when present, else delegated to the parent. Resources follow the same rule.
 *   <li>Classes are defined only from snapshot bytes, never from disk, so a half-written build
 *       cannot mix into a running generation.
 *   <li>Leaks: classes are defined with one {@link ProtectionDomain} per loader built with the
 *       two-argument constructor, which does not reference the loader. The default domain does, and
 *       on JDK 17 a thread created while generation code is on the stack captures the domains in
 *       its inherited access control context, pinning the loader for the thread's life. Resource
 *       URLs are {@code file:} URLs of the snapshot's read-only materialization ({@link
 *       SnapshotFiles}), which references the snapshot only.
 *   <li>Concurrency: registered as parallel capable; loading locks per class name, and {@link
 *       #findClass} takes the same lock, so that a class is defined once however many threads ask
 *       for it ({@link #defineAll(Collection, DefineWorkers)} defines on several).
 * </ul>
 *
 * <p>Lifecycle: created per generation, {@link #defineAll()} before the generation runs, then
 * dropped by the host on retirement so that it can be collected. Thread-safe.
 */
public final class GenerationClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String CLASS_SUFFIX = ".class";

  private final long generation;
  private final Snapshot snapshot;
  private final ParentFirstPolicy policy;
  private final SnapshotFiles files;
  private final ProtectionDomain protectionDomain;

  /**
   * A loader for generation {@code generation} over {@code snapshot}.
   *
   * @param generation the generation number, used in the loader name {@code hotswap-gen-<n>}
   * @param snapshot where every class of the generation comes from
   * @param parent the host's loader, for parent-first names and what the snapshot lacks
   * @param policy which names go to the parent first
   * @param files the materialized files of {@code snapshot}, where resource URLs point
   */
  public GenerationClassLoader(
      long generation,
      Snapshot snapshot,
      ClassLoader parent,
      ParentFirstPolicy policy,
      SnapshotFiles files) {
    super("hotswap-gen-" + generation, Objects.requireNonNull(parent, "parent"));
    this.generation = generation;
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.files = Objects.requireNonNull(files, "files");
    if (!files.snapshot().id().equals(snapshot.id())) {
      throw new IllegalArgumentException("the files are of another snapshot: " + files.snapshot());
    }
    // Two-argument constructor on purpose: it keeps no reference to this loader (see class notes).
    this.protectionDomain =
        new ProtectionDomain(
            new java.security.CodeSource(files.rootUrl(), (CodeSigner[]) null), null);
  }

  /** The generation number. */
  public long generation() {
    return generation;
  }

  /** The snapshot this loader defines classes from. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The parent-first policy of this loader. */
  public ParentFirstPolicy policy() {
    return policy;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = policy.isParentFirst(name) ? loadParentFirst(name) : loadChildFirst(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> loadParentFirst(String name) throws ClassNotFoundException {
    try {
      return getParent().loadClass(name);
    } catch (ClassNotFoundException e) {
      if (PlatformPackages.isPlatformClass(name)) {
        throw missingPlatformClass(name, e);
      }
      Class<?> defined = defineFromSnapshot(name);
      if (defined == null) {
        throw e;
      }
      return defined;
    }
  }

  /**
   * A platform class the host lacks: never defined from the code source (a second copy per
   * generation), so say which artifact the host needs.
   */
  private ClassNotFoundException missingPlatformClass(String name, ClassNotFoundException cause) {
    String packageName = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
    String shipped =
        snapshot.platform().isEmpty()
            ? ""
            : " (the code source ships platform artifacts "
                + snapshot.platform().artifacts().keySet()
                + ", which a generation never loads)";
    ClassNotFoundException missing =
        new ClassNotFoundException(
            name
                + " is a platform class ("
                + PlatformPackages.describe()
                + " load from the host only) and the host's classpath lacks it"
                + shipped
                + ": add the artifact of package "
                + packageName
                + " to the host — `hotswap run` puts an application's platform jars there itself;"
                + " an embedding host declares the dependency",
            cause);
    return missing;
  }

  private Class<?> loadChildFirst(String name) throws ClassNotFoundException {
    Class<?> defined = defineFromSnapshot(name);
    return defined != null ? defined : getParent().loadClass(name);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = defineFromSnapshot(name);
      }
      if (loaded == null) {
        throw new ClassNotFoundException(name);
      }
      return loaded;
    }
  }

  /** Defines {@code name} from the snapshot; null when the snapshot lacks it. Caller holds lock. */
  private Class<?> defineFromSnapshot(String name) {
    if (name.startsWith("java.")) {
      return null; // only the boot and platform loaders may define java.*
    }
    Optional<ByteBuffer> bytes = snapshot.resource(name.replace('.', '/') + CLASS_SUFFIX);
    if (bytes.isEmpty()) {
      return null;
    }
    definePackageOf(name);
    return defineClass(name, bytes.get(), protectionDomain);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    if (getDefinedPackage(packageName) != null) {
      return;
    }
    try {
      definePackage(packageName, null, null, null, null, null, null, null);
    } catch (IllegalArgumentException alreadyDefined) {
      // Another thread defined it between the check and here (locks are per class name): fine.
    }
  }

  /**
   * Defines and links every snapshot class this loader would define, without initializing any: no
   * static initializer runs. A class the policy sends to a parent that has it is skipped.
   *
   * <p>Linking verifies the class and loads its superclass and interfaces, so a truncated class
   * file, a class that fails verification or a missing superclass fails here, before any code of
   * the generation runs. On HotSpot, {@link Class#getDeclaredFields()} links the class; it also
   * loads the declared field types.
   *
   * @throws ClassDefinitionException for the first class (in name order) that fails
   */
  public void defineAll() throws ClassDefinitionException {
    defineAll(null);
  }

  /**
   * Defines and links every snapshot class as {@link #defineAll()} does, except that a class that
   * fails only because a class it needs is absent ({@link NoClassDefFoundError}) is tolerated when
   * it is not reachable from {@code entryPoints} through the class references of the snapshot's
   * class files ({@code ClassReferences}): a jar's optional integration whose dependency is not
   * there, a launcher main class the host does not run. Every other failure — a malformed class
   * file, a failed verification, a wrong name — and any failure of a reachable class still fails.
   *
   * @param entryPoints the binary names the generation starts from
   * @return the classes left unlinked, in name order
   * @throws ClassDefinitionException for the first class (in name order) that fails
   */
  public List<UnlinkedClass> defineAll(Collection<String> entryPoints)
      throws ClassDefinitionException {
    return defineAll(entryPoints, DefineWorkers.none());
  }

  /**
   * Defines and links every snapshot class as {@link #defineAll(Collection)} does, on the calling
   * thread and on the threads of {@code workers} when the snapshot has classes enough for them
   * ({@link DefineWorkers#of(int, int)}), with the same guarantees: when it returns every class is
   * defined and linked (or listed as unlinked), none is initialized, and the failure reported is
   * that of the first failing class in name order, whichever thread met it first.
   *
   * <p>Related classes defined on different threads meet in {@link #loadClass(String, boolean)}'s
   * per-name lock: a class being defined loads its supertypes there, so a thread that needs a
   * supertype another thread is defining waits for it, and each class is defined once.
   *
   * @param entryPoints the binary names the generation starts from; null: no class is tolerated
   * @param workers the threads that help; {@link DefineWorkers#none()} for the calling thread only
   * @return the classes left unlinked, in name order
   * @throws ClassDefinitionException for the first class (in name order) that fails
   */
  public List<UnlinkedClass> defineAll(Collection<String> entryPoints, DefineWorkers workers)
      throws ClassDefinitionException {
    Objects.requireNonNull(workers, "workers");
    List<String> names =
        snapshot.classNames().stream().filter(name -> !name.startsWith("java.")).toList();
    Throwable[] failures =
        ParallelDefinition.run(
            names, this::defineAndLink, workers, workers.helpersFor(names.size()));
    Set<String> reachable = null; // only a failure needs it: most defines never walk the references
    List<UnlinkedClass> unlinked = new ArrayList<>();
    for (int i = 0; i < failures.length; i++) {
      Throwable failure = failures[i];
      if (failure == null) {
        continue;
      }
      if (!(failure instanceof LinkageError)) {
        throw unchecked(failure);
      }
      String name = names.get(i);
      if (entryPoints != null && isMissingClass((LinkageError) failure)) {
        if (reachable == null) {
          reachable = Reachability.from(snapshot, entryPoints);
        }
        if (!reachable.contains(name)) {
          unlinked.add(new UnlinkedClass(name, failure.toString()));
          continue;
        }
      }
      throw new ClassDefinitionException(name, (LinkageError) failure);
    }
    return List.copyOf(unlinked);
  }

  private static RuntimeException unchecked(Throwable failure) {
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return (RuntimeException) failure;
  }

  /** Defines and links {@code name}; the error, or null when it linked or the parent serves it. */
  private LinkageError defineAndLink(String name) {
    Class<?> loaded;
    try {
      loaded = loadClass(name, false);
    } catch (ClassNotFoundException e) {
      NoClassDefFoundError error = new NoClassDefFoundError(name);
      error.initCause(e);
      return error;
    } catch (LinkageError e) {
      return e;
    }
    if (loaded.getClassLoader() != this) {
      return null; // served by the parent: not ours to link
    }
    try {
      loaded.getDeclaredFields(); // links (and so verifies) without initializing
      return null;
    } catch (LinkageError e) {
      return e;
    }
  }

  /** A class it needs is absent (not a broken class file: "wrong name" is a misplaced file). */
  private static boolean isMissingClass(LinkageError failure) {
    return failure instanceof NoClassDefFoundError
        && (failure.getMessage() == null || !failure.getMessage().contains("wrong name"));
  }

  @Override
  public URL getResource(String name) {
    Objects.requireNonNull(name, "name");
    if (policy.isParentFirstResource(name)) {
      URL fromParent = getParent().getResource(name);
      return fromParent != null ? fromParent : findResource(name);
    }
    URL own = findResource(name);
    return own != null ? own : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Objects.requireNonNull(name, "name");
    List<URL> all = new ArrayList<>();
    URL own = findResource(name);
    boolean parentFirst = policy.isParentFirstResource(name);
    if (own != null && !parentFirst) {
      all.add(own);
    }
    all.addAll(Collections.list(getParent().getResources(name)));
    if (own != null && parentFirst) {
      all.add(own);
    }
    return Collections.enumeration(all);
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    Objects.requireNonNull(name, "name");
    if (policy.isParentFirstResource(name)) {
      InputStream fromParent = getParent().getResourceAsStream(name);
      return fromParent != null ? fromParent : ownStream(name);
    }
    InputStream own = ownStream(name);
    return own != null ? own : getParent().getResourceAsStream(name);
  }

  private InputStream ownStream(String name) {
    return snapshot.resource(name).map(ByteBufferInputStream::new).orElse(null);
  }

  /**
   * The {@code file:} URL of a snapshot entry or directory ({@link SnapshotFiles#url}), so that a
   * directory of the snapshot is found as it is on a classpath directory.
   */
  @Override
  protected URL findResource(String name) {
    return files.url(name).orElse(null);
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL own = findResource(name);
    return own == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(own));
  }

  @Override
  public String toString() {
    return getName() + "[" + snapshot.id().shortId() + "]";
  }
}
