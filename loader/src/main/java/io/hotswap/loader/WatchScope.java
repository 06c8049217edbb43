package io.hotswap.loader;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link CodeSourceWatcher} watches and which events count as a change of its code source.
 *
 * <p>Directories are either watched with all their subdirectories ({@code tree}, the code source
 * directory) or alone ({@code flat}, the parent of a jar or of a trigger file), so that watching
 * {@code target/app.jar} does not register every directory under {@code target/}. All paths are
 * real paths, because native watchers (FSEvents) report real paths. Immutable and thread-safe.
 */
final class WatchScope implements FileTreeVisitor {

  private final Path tree;
  private final Set<Path> flat;
  private final Optional<Path> onlyFile;
  private final boolean trigger;

  private WatchScope(Path tree, Set<Path> flat, Optional<Path> onlyFile, boolean trigger) {
    this.tree = tree;
    this.flat = Set.copyOf(flat);
    this.onlyFile = onlyFile;
    this.trigger = trigger;
  }

  /**
   * The scope for {@code source}: a directory source's whole tree, or a jar's parent directory; in
   * trigger-file mode only the trigger file's parent (the code source tree if the trigger lies in
   * it, so a trigger in a subdirectory a clean build re-creates is still seen).
   *
   * @throws NoSuchFileException when the code source, the jar's directory or the trigger file's
   *     directory (unless the trigger lies in the code source) does not exist
   */
  static WatchScope of(CodeSource source, Optional<Path> triggerFile) throws IOException {
    Optional<Path> trigger =
        triggerFile.isPresent() ? Optional.of(real(triggerFile.get())) : Optional.empty();
    if (source instanceof CodeSource.Directory directory) {
      Path root = directory.path().toRealPath();
      if (trigger.isEmpty()) {
        return new WatchScope(root, Set.of(), Optional.empty(), false);
      }
      return trigger.get().startsWith(root)
          ? new WatchScope(root, Set.of(), trigger, true)
          : flat(trigger.get(), "the trigger file's directory", true);
    }
    return trigger.isPresent()
        ? flat(trigger.get(), "the trigger file's directory", true)
        : flat(real(source.path()), "the jar's directory", false);
  }

  private static WatchScope flat(Path file, String what, boolean trigger)
      throws NoSuchFileException {
    Path dir = existingDirectory(file.getParent(), what);
    return new WatchScope(null, Set.of(dir), Optional.of(file), trigger);
  }

  /**
   * {@code file}'s real path, resolved through its nearest existing ancestor because the file (and,
   * for a trigger file inside the code source, its directory) may not exist yet.
   */
  private static Path real(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (absolute.getParent() == null) {
      throw new IllegalArgumentException(file + " has no parent directory to watch");
    }
    Path existing = absolute.getParent();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      return absolute; // vanished meanwhile: the directory check reports it
    }
  }

  private static Path existingDirectory(Path dir, String what) throws NoSuchFileException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, what + " does not exist");
    }
    return dir;
  }

  /** The directories to hand to the directory watcher. */
  List<Path> roots() {
    Set<Path> roots = new LinkedHashSet<>();
    if (tree != null) {
      roots.add(tree);
    }
    roots.addAll(flat);
    return List.copyOf(roots);
  }

  /** Whether {@code event} is a change of the code source (or a touch of the trigger file). */
  boolean counts(DirectoryChangeEvent event) {
    if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
      return true; // events were lost: one of them may have been ours
    }
    if (onlyFile.isEmpty()) {
      return true; // only the code source tree is watched
    }
    if (!onlyFile.get().equals(event.path())) {
      return false;
    }
    // A build touches the trigger when it is done; deleting the trigger is no such signal.
    return !trigger || event.eventType() != DirectoryChangeEvent.EventType.DELETE;
  }

  /**
   * Registers the tree with all its subdirectories (also those created later) and each flat
   * directory alone; a directory created under a flat one is not registered.
   */
  @Override
  public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile)
      throws IOException {
    if (tree != null && start.startsWith(tree)) {
      FileTreeVisitor.DEFAULT_FILE_TREE_VISITOR.recursiveVisitFiles(start, onDirectory, onFile);
    } else if (flat.contains(start)) {
      onDirectory.call(start);
    }
  }
}
