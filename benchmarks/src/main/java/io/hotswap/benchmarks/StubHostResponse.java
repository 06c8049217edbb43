package io.hotswap.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.HostAndPort;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.util.Set;

/**
 * The response of a {@link StubHostRequest}: records the status and the body's length, drops the
 * headers, and on {@code end} calls its end handler synchronously, as Vert.x 5.0.7's HTTP/1.x
 * response does, and returns a succeeded future of the request's context (Vert.x returns a future
 * of that context, completed when the bytes are written: a listener on it from another context
 * costs a task on the event loop, as it does there); it takes a lock where Vert.x takes the
 * connection's. Everything not on the measured path throws.
 *
 * <p>Confined to the event-loop thread that dispatches its request, like a Vert.x response.
 */
final class StubHostResponse implements HttpServerResponse {
  /**
   * The lock of the one connection every stub request arrives on: Vert.x 5.0.7's HTTP/1.x response
   * takes its connection's lock in every setter and state query this stub implements (not in {@code
   * getStatusCode()}), and so does this stub, so an extra call costs what it costs there.
   */
  private static final Object CONNECTION = new Object();

  private final ContextInternal context;
  private int statusCode = 200;
  private boolean ended;
  private int bodyLength = -1;
  private Handler<Void> endHandler;

  StubHostResponse(ContextInternal context) {
    this.context = context;
  }

  /** The body's length once ended, -1 before. */
  int bodyLength() {
    return bodyLength;
  }

  private Future<Void> finish(int length) {
    Handler<Void> handler;
    synchronized (CONNECTION) {
      if (ended) {
        throw new IllegalStateException("response already ended");
      }
      ended = true;
      bodyLength = length;
      handler = endHandler;
    }
    if (handler != null) {
      handler.handle(null);
    }
    return context.succeededFuture();
  }

  @Override
  public Future<Void> end(String a0) {
    return finish(a0.length());
  }

  @Override
  public Future<Void> end() {
    return finish(0);
  }

  @Override
  public Future<Void> end(Buffer a0) {
    return finish(a0.length());
  }

  @Override
  public Future<Void> end(String a0, String a1) {
    throw unsupported("end");
  }

  @Override
  public Future<Void> write(String a0) {
    throw unsupported("write");
  }

  @Override
  public Future<Void> write(String a0, String a1) {
    throw unsupported("write");
  }

  @Override
  public Future<Void> reset(long a0) {
    throw unsupported("reset");
  }

  @Override
  public boolean closed() {
    synchronized (CONNECTION) {
      return false;
    }
  }

  @Override
  public Future<HttpServerResponse> push(HttpMethod a0, HostAndPort a1, String a2, MultiMap a3) {
    throw unsupported("push");
  }

  @Override
  public HttpServerResponse closeHandler(Handler<Void> a0) {
    synchronized (CONNECTION) {
      return this;
    }
  }

  @Override
  public long bytesWritten() {
    throw unsupported("bytesWritten");
  }

  @Override
  public HttpServerResponse exceptionHandler(Handler<Throwable> a0) {
    synchronized (CONNECTION) {
      return this;
    }
  }

  @Override
  public HttpServerResponse setWriteQueueMaxSize(int a0) {
    throw unsupported("setWriteQueueMaxSize");
  }

  @Override
  public HttpServerResponse drainHandler(Handler<Void> a0) {
    throw unsupported("drainHandler");
  }

  @Override
  public int getStatusCode() {
    return statusCode;
  }

  @Override
  public HttpServerResponse setStatusCode(int a0) {
    synchronized (CONNECTION) {
      statusCode = a0;
      return this;
    }
  }

  @Override
  public String getStatusMessage() {
    throw unsupported("getStatusMessage");
  }

  @Override
  public HttpServerResponse setStatusMessage(String a0) {
    throw unsupported("setStatusMessage");
  }

  @Override
  public HttpServerResponse setChunked(boolean a0) {
    throw unsupported("setChunked");
  }

  @Override
  public boolean isChunked() {
    throw unsupported("isChunked");
  }

  @Override
  public MultiMap headers() {
    throw unsupported("headers");
  }

  @Override
  public HttpServerResponse putHeader(String a0, String a1) {
    synchronized (CONNECTION) {
      return this;
    }
  }

  @Override
  public HttpServerResponse putHeader(CharSequence a0, Iterable<CharSequence> a1) {
    throw unsupported("putHeader");
  }

  @Override
  public HttpServerResponse putHeader(String a0, Iterable<String> a1) {
    throw unsupported("putHeader");
  }

  @Override
  public HttpServerResponse putHeader(CharSequence a0, CharSequence a1) {
    synchronized (CONNECTION) {
      return this;
    }
  }

  @Override
  public MultiMap trailers() {
    throw unsupported("trailers");
  }

  @Override
  public HttpServerResponse putTrailer(CharSequence a0, Iterable<CharSequence> a1) {
    throw unsupported("putTrailer");
  }

  @Override
  public HttpServerResponse putTrailer(String a0, Iterable<String> a1) {
    throw unsupported("putTrailer");
  }

  @Override
  public HttpServerResponse putTrailer(CharSequence a0, CharSequence a1) {
    throw unsupported("putTrailer");
  }

  @Override
  public HttpServerResponse putTrailer(String a0, String a1) {
    throw unsupported("putTrailer");
  }

  @Override
  public HttpServerResponse endHandler(Handler<Void> a0) {
    synchronized (CONNECTION) {
      if (ended) {
        throw new IllegalStateException("response already ended");
      }
      endHandler = a0;
      return this;
    }
  }

  @Override
  public Future<Void> writeHead() {
    throw unsupported("writeHead");
  }

  @Override
  public Future<Void> writeContinue() {
    throw unsupported("writeContinue");
  }

  @Override
  public Future<Void> writeEarlyHints(MultiMap a0) {
    throw unsupported("writeEarlyHints");
  }

  @Override
  public Future<Void> sendFile(String a0, long a1, long a2) {
    throw unsupported("sendFile");
  }

  @Override
  public Future<Void> sendFile(RandomAccessFile a0, long a1, long a2) {
    throw unsupported("sendFile");
  }

  @Override
  public Future<Void> sendFile(FileChannel a0, long a1, long a2) {
    throw unsupported("sendFile");
  }

  @Override
  public boolean ended() {
    synchronized (CONNECTION) {
      return ended;
    }
  }

  @Override
  public boolean headWritten() {
    synchronized (CONNECTION) {
      return ended;
    }
  }

  @Override
  public HttpServerResponse headersEndHandler(Handler<Void> a0) {
    throw unsupported("headersEndHandler");
  }

  @Override
  public HttpServerResponse bodyEndHandler(Handler<Void> a0) {
    throw unsupported("bodyEndHandler");
  }

  @Override
  public int streamId() {
    throw unsupported("streamId");
  }

  @Override
  public Future<Void> writeCustomFrame(int a0, int a1, Buffer a2) {
    throw unsupported("writeCustomFrame");
  }

  @Override
  public HttpServerResponse addCookie(Cookie a0) {
    throw unsupported("addCookie");
  }

  @Override
  public Cookie removeCookie(String a0, boolean a1) {
    throw unsupported("removeCookie");
  }

  @Override
  public Cookie removeCookie(String a0, String a1, String a2, boolean a3) {
    throw unsupported("removeCookie");
  }

  @Override
  public Set<Cookie> removeCookies(String a0, boolean a1) {
    throw unsupported("removeCookies");
  }

  @Override
  public Future<Void> write(Buffer a0) {
    throw unsupported("write");
  }

  @Override
  public boolean writeQueueFull() {
    throw unsupported("writeQueueFull");
  }

  private static UnsupportedOperationException unsupported(String method) {
    return new UnsupportedOperationException(method + " is not part of the measured path");
  }
}
