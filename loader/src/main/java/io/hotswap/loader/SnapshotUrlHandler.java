package io.hotswap.loader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Serves {@code hotswap:/gen-<n>/<snapshot short id>/<resource name>} URLs from one snapshot.
 *
 * <p>References the snapshot only, never the loader, so a URL the host keeps never pins a
 * generation loader. Immutable and thread-safe.
 */
final class SnapshotUrlHandler extends URLStreamHandler {

  static final String PROTOCOL = "hotswap";

  private final Snapshot snapshot;
  private final String basePath;

  SnapshotUrlHandler(long generation, Snapshot snapshot) {
    this.snapshot = snapshot;
    this.basePath = "/gen-" + generation + "/" + snapshot.id().shortId() + "/";
  }

  /** The URL of the snapshot root, used as the code source location of its classes. */
  URL baseUrl() {
    return url("");
  }

  /** The URL of entry {@code name}; the entry need not exist. */
  URL url(String name) {
    try {
      return new URL(PROTOCOL, null, -1, basePath + name, this);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Cannot build a URL for resource " + name, e);
    }
  }

  @Override
  protected URLConnection openConnection(URL url) throws IOException {
    String file = url.getFile();
    if (url.getRef() != null) {
      file = file + "#" + url.getRef(); // a '#' in a resource name was parsed as a fragment
    }
    if (!file.startsWith(basePath)) {
      throw new FileNotFoundException(url + " is not in snapshot " + snapshot.id());
    }
    return new SnapshotUrlConnection(url, snapshot, file.substring(basePath.length()));
  }

  /** A connection reading one snapshot entry. */
  private static final class SnapshotUrlConnection extends URLConnection {
    private final Snapshot snapshot;
    private final String name;
    private ByteBuffer content;

    SnapshotUrlConnection(URL url, Snapshot snapshot, String name) {
      super(url);
      this.snapshot = snapshot;
      this.name = name;
    }

    @Override
    public void connect() throws IOException {
      if (content == null) {
        Optional<ByteBuffer> found = snapshot.resource(name);
        if (found.isEmpty()) {
          throw new FileNotFoundException(
              "No resource " + name + " in snapshot " + snapshot.id() + ": " + url);
        }
        content = found.get();
        connected = true;
      }
    }

    @Override
    public InputStream getInputStream() throws IOException {
      connect();
      return new ByteBufferInputStream(content.duplicate());
    }

    @Override
    public long getContentLengthLong() {
      return snapshot.resource(name).map(ByteBuffer::remaining).orElse(-1);
    }

    @Override
    public String getContentType() {
      String type = guessContentTypeFromName(name);
      return type == null ? "application/octet-stream" : type;
    }

    @Override
    public long getLastModified() {
      return snapshot.takenAt().toEpochMilli();
    }
  }
}
