package io.hotswap.loader.testing;

import io.hotswap.loader.Snapshot;
import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.SnapshotFiles;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A process-wide snapshot file store for tests that build generation loaders by hand. */
public final class TestFiles {
  private static SnapshotFileStore store;

  private TestFiles() {}

  /** The test store, created on first use in this JVM's temp directory. */
  public static synchronized SnapshotFileStore store() {
    if (store == null) {
      try {
        store = SnapshotFileStore.inTempDir();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(store::close, "test-files-cleanup"));
    }
    return store;
  }

  /** A lease on the files of {@code snapshot} from the test store. */
  public static SnapshotFiles of(Snapshot snapshot) {
    try {
      return store().lease(snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
