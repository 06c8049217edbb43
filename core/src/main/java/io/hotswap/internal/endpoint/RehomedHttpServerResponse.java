/*
 * Design notes: end-of-exchange accounting.
 *
 * The host counts in-flight exchanges per generation so it can drain before retiring one. The
 * count is released from the end handler this class installs on the host response; on HTTP/1.x
 * Vert.x 5.0.7 calls it exactly once, from end() (synchronously, under the connection lock) or
 * from handleClosed() when the connection closed before the response was written. Vert.x 5.1 no
 * longer calls the end handler on a close (HttpServerResponseImpl.handleClose calls the close
 * handler only), so there this class installs a close handler on the host response that releases
 * it too (on 5.0 only when the generation sets a close handler: Vert.x's setters take the
 * connection's lock, and a request should not pay for a hook that has nothing to do); the
 * generation's own close handler is called from it. Two
 * outcomes skip it, so the futures of the operations that lead there settle the count too:
 * sendFile() interrupted by a close (the response is already marked written, so handleClosed()
 * never runs, and the end handler is emitted only on success) and toNetSocket()/toWebSocket()
 * (the response is marked written without an end handler). A flag makes the release idempotent.
 *
 * cancelByHost() is the host's last word on an exchange that outlived the drain bound: a 503 with
 * Connection: close while the status can still be sent, a closed connection otherwise. It detaches
 * the generation's handlers first, because the generation is being retired and none of its code
 * should run on account of the host's decision.
 */
package io.hotswap.internal.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.StreamPriority;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.net.HostAndPort;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.Set;

/**
 * The response of a {@link RehomedHttpServerRequest}: delegates to the host response, runs every
 * handler and future completion on the generation's context, and tells the host once when the
 * exchange is over.
 *
 * <p>Lifecycle: created with its request, before business code runs; {@code onExchangeDone} runs
 * exactly once, when the response ended, when the connection closed before it did, or when the
 * exchange was upgraded to a socket. The host may {@link #cancelByHost()} it when a drain times
 * out.
 *
 * <p>Thread-safety: confined to the connection's event loop, like the host response it wraps.
 */
final class RehomedHttpServerResponse extends VersionedHttpServerResponse {

  /** A pushed response is accounted for by the exchange of the request that pushed it. */
  private static final Runnable NO_ACCOUNTING = () -> {};

  static final String CANCELLED_BODY = "generation retired before the response ended";

  private final HttpServerRequestInternal hostRequest;
  private final HttpServerResponse hostResponse;
  private final ContextInternal generationContext;
  private final Runnable onExchangeDone;
  private final Handler<Void> hostEndHook;
  private Handler<Void> hostCloseHook;
  private boolean exchangeDone;
  private Handler<Void> endHandler;
  private Handler<Void> closeHandler;

  /**
   * Wraps the response of {@code hostRequest}; must be called before the response is written, in
   * the host's request handler, so that the end hook sees every outcome.
   */
  RehomedHttpServerResponse(
      HttpServerRequestInternal hostRequest,
      ContextInternal generationContext,
      Runnable onExchangeDone) {
    this(hostRequest, hostRequest.response(), generationContext, onExchangeDone);
  }

  private RehomedHttpServerResponse(
      HttpServerRequestInternal hostRequest,
      HttpServerResponse hostResponse,
      ContextInternal generationContext,
      Runnable onExchangeDone) {
    this.hostRequest = Objects.requireNonNull(hostRequest, "hostRequest");
    this.hostResponse = Objects.requireNonNull(hostResponse, "hostResponse");
    this.generationContext = Objects.requireNonNull(generationContext, "generationContext");
    this.onExchangeDone = Objects.requireNonNull(onExchangeDone, "onExchangeDone");
    this.hostEndHook = this::onHostEnd;
    if (hook(hostResponse)) {
      if (!END_HANDLER_RUNS_ON_CLOSE) {
        hostResponse.closeHandler(hostCloseHook());
      }
    } else {
      // Too late for an end handler: Vert.x rejected it, or would never call it.
      exchangeDone();
    }
  }

  /**
   * Installs the end hook; whether it will run. Each call on a Vert.x response takes the
   * connection's lock, so the hook goes first and Vert.x's own check (no end handler once the
   * response is written) stands for a call to {@code ended()}.
   */
  private boolean hook(HttpServerResponse host) {
    try {
      host.endHandler(hostEndHook);
    } catch (IllegalStateException written) {
      return false;
    }
    return !host.closed();
  }

  /**
   * Ends the exchange on behalf of the host after a drain timeout. Must be called on the
   * connection's event loop. Handlers the generation set on this response do not run afterwards.
   *
   * @return {@code true} if the response was still open: a {@code 503} with {@code Connection:
   *     close} was sent if the head was not written yet, otherwise the connection was closed;
   *     {@code false} if the response had already ended or its connection closed
   */
  boolean cancelByHost() {
    if (hostResponse.ended() || hostResponse.closed()) {
      return false;
    }
    endHandler = null;
    closeHandler = null;
    hostResponse
        .exceptionHandler(null)
        .drainHandler(null)
        .headersEndHandler(null)
        .bodyEndHandler(null);
    if (hostResponse.headWritten()) {
      // Too late for a status: closing is the only signal left, and it ends the exchange.
      hostRequest.connection().close();
      return true;
    }
    hostResponse.headers().clear();
    hostResponse.trailers().clear();
    hostResponse
        .setStatusCode(503)
        .setStatusMessage("Service Unavailable")
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain");
    // Vert.x 5.0.7 keeps a keep-alive connection open whatever the response's Connection header
    // says (Http1xServerConnection reads keep-alive from the request only), so close it ourselves
    // once the 503 is flushed.
    hostResponse.end(CANCELLED_BODY).onComplete((v, failure) -> hostRequest.connection().close());
    return true;
  }

  /**
   * Settles the exchange when {@code hostFuture} completes if the response is by then ended: the
   * outcomes where Vert.x marks a response written without calling its end handler.
   */
  <T> Future<T> settleWhenDone(Future<T> hostFuture) {
    return hostFuture.andThen(
        (v, failure) -> {
          if (hostResponse.ended()) {
            exchangeDone();
          }
        });
  }

  private void onHostEnd(Void ignored) {
    exchangeDone();
    Handler<Void> handler = endHandler;
    if (handler != null) {
      OnContext.emit(generationContext, null, handler);
    }
  }

  /** The close hook, made when first installed (never, on a line whose end handler sees closes). */
  private Handler<Void> hostCloseHook() {
    Handler<Void> hook = hostCloseHook;
    if (hook == null) {
      hook = this::onHostClose;
      hostCloseHook = hook;
    }
    return hook;
  }

  private void onHostClose(Void ignored) {
    exchangeDone();
    Handler<Void> handler = closeHandler;
    if (handler != null) {
      OnContext.emit(generationContext, null, handler);
    }
  }

  private void exchangeDone() {
    if (exchangeDone) {
      return;
    }
    exchangeDone = true;
    try {
      onExchangeDone.run();
    } catch (RuntimeException e) {
      // Vert.x calls the end handler directly from end(): never let host accounting fail the
      // business code's end() call.
      hostRequest.context().reportException(e);
    }
  }

  // Handlers: re-emitted on the generation context.

  @Override
  public HttpServerResponse endHandler(Handler<Void> handler) {
    if (handler != null) {
      // Re-installing the same hook keeps Vert.x's own check: no end handler once written.
      hostResponse.endHandler(hostEndHook);
    }
    endHandler = handler;
    return this;
  }

  @Override
  public HttpServerResponse exceptionHandler(Handler<Throwable> handler) {
    hostResponse.exceptionHandler(onGeneration(handler));
    return this;
  }

  @Override
  public HttpServerResponse drainHandler(Handler<Void> handler) {
    hostResponse.drainHandler(onGeneration(handler));
    return this;
  }

  @Override
  public HttpServerResponse closeHandler(Handler<Void> handler) {
    if (handler != null) {
      // As for the end handler: Vert.x's own check, no close handler once written.
      hostResponse.closeHandler(hostCloseHook());
    }
    closeHandler = handler;
    return this;
  }

  @Override
  public HttpServerResponse headersEndHandler(Handler<Void> handler) {
    hostResponse.headersEndHandler(onGeneration(handler));
    return this;
  }

  @Override
  public HttpServerResponse bodyEndHandler(Handler<Void> handler) {
    hostResponse.bodyEndHandler(onGeneration(handler));
    return this;
  }

  // Writes: futures completed on the generation context.

  @Override
  public Future<Void> writeHead() {
    return onGeneration(hostResponse.writeHead());
  }

  @Override
  public Future<Void> write(Buffer data) {
    return onGeneration(hostResponse.write(data));
  }

  @Override
  public Future<Void> write(String chunk, String enc) {
    return onGeneration(hostResponse.write(chunk, enc));
  }

  @Override
  public Future<Void> write(String chunk) {
    return onGeneration(hostResponse.write(chunk));
  }

  @Override
  public Future<Void> writeContinue() {
    return onGeneration(hostResponse.writeContinue());
  }

  @Override
  public Future<Void> writeEarlyHints(MultiMap headers) {
    return onGeneration(hostResponse.writeEarlyHints(headers));
  }

  @Override
  public Future<Void> writeCustomFrame(int type, int flags, Buffer payload) {
    return onGeneration(hostResponse.writeCustomFrame(type, flags, payload));
  }

  @Override
  public Future<Void> end(String chunk) {
    return onGeneration(hostResponse.end(chunk));
  }

  @Override
  public Future<Void> end(String chunk, String enc) {
    return onGeneration(hostResponse.end(chunk, enc));
  }

  @Override
  public Future<Void> end(Buffer chunk) {
    return onGeneration(hostResponse.end(chunk));
  }

  @Override
  public Future<Void> end() {
    return onGeneration(hostResponse.end());
  }

  @Override
  public Future<Void> sendFile(String filename, long offset, long length) {
    String resolved;
    try {
      resolved = GenerationFileResolution.resolve(generationContext, filename);
    } catch (RuntimeException e) {
      return onGeneration(settleWhenDone(generationContext.failedFuture(e)));
    }
    return onGeneration(settleWhenDone(hostResponse.sendFile(resolved, offset, length)));
  }

  @Override
  public Future<Void> sendFile(FileChannel channel, long offset, long length) {
    return onGeneration(settleWhenDone(hostResponse.sendFile(channel, offset, length)));
  }

  @Override
  public Future<Void> sendFile(RandomAccessFile file, long offset, long length) {
    return onGeneration(settleWhenDone(hostResponse.sendFile(file, offset, length)));
  }

  @Override
  public Future<Void> reset(long code) {
    return onGeneration(hostResponse.reset(code));
  }

  @Override
  public Future<HttpServerResponse> push(
      HttpMethod method, HostAndPort authority, String path, MultiMap headers) {
    return onGeneration(
        hostResponse
            .push(method, authority, path, headers)
            .map(
                pushed ->
                    new RehomedHttpServerResponse(
                        hostRequest, pushed, generationContext, NO_ACCOUNTING)));
  }

  // Fluent setters: return the wrapper, never the host response.

  @Override
  public HttpServerResponse setWriteQueueMaxSize(int maxSize) {
    hostResponse.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public HttpServerResponse setStatusCode(int statusCode) {
    hostResponse.setStatusCode(statusCode);
    return this;
  }

  @Override
  public HttpServerResponse setStatusMessage(String statusMessage) {
    hostResponse.setStatusMessage(statusMessage);
    return this;
  }

  @Override
  public HttpServerResponse setChunked(boolean chunked) {
    hostResponse.setChunked(chunked);
    return this;
  }

  @Override
  public HttpServerResponse putHeader(String name, String value) {
    hostResponse.putHeader(name, value);
    return this;
  }

  @Override
  public HttpServerResponse putHeader(CharSequence name, CharSequence value) {
    hostResponse.putHeader(name, value);
    return this;
  }

  @Override
  public HttpServerResponse putHeader(String name, Iterable<String> values) {
    hostResponse.putHeader(name, values);
    return this;
  }

  @Override
  public HttpServerResponse putHeader(CharSequence name, Iterable<CharSequence> values) {
    hostResponse.putHeader(name, values);
    return this;
  }

  @Override
  public HttpServerResponse putTrailer(String name, String value) {
    hostResponse.putTrailer(name, value);
    return this;
  }

  @Override
  public HttpServerResponse putTrailer(CharSequence name, CharSequence value) {
    hostResponse.putTrailer(name, value);
    return this;
  }

  @Override
  public HttpServerResponse putTrailer(String name, Iterable<String> values) {
    hostResponse.putTrailer(name, values);
    return this;
  }

  @Override
  public HttpServerResponse putTrailer(CharSequence name, Iterable<CharSequence> value) {
    hostResponse.putTrailer(name, value);
    return this;
  }

  @Override
  public HttpServerResponse setStreamPriority(StreamPriority streamPriority) {
    // The interface default returns this without delegating; HTTP/2 responses override it.
    hostResponse.setStreamPriority(streamPriority);
    return this;
  }

  @Override
  public HttpServerResponse addCookie(Cookie cookie) {
    hostResponse.addCookie(cookie);
    return this;
  }

  // Plain delegation.

  @Override
  public boolean writeQueueFull() {
    return hostResponse.writeQueueFull();
  }

  @Override
  public int getStatusCode() {
    return hostResponse.getStatusCode();
  }

  @Override
  public String getStatusMessage() {
    return hostResponse.getStatusMessage();
  }

  @Override
  public boolean isChunked() {
    return hostResponse.isChunked();
  }

  @Override
  public MultiMap headers() {
    return hostResponse.headers();
  }

  @Override
  public MultiMap trailers() {
    return hostResponse.trailers();
  }

  @Override
  public boolean ended() {
    return hostResponse.ended();
  }

  @Override
  public boolean closed() {
    return hostResponse.closed();
  }

  @Override
  public boolean headWritten() {
    return hostResponse.headWritten();
  }

  @Override
  public long bytesWritten() {
    return hostResponse.bytesWritten();
  }

  @Override
  public Cookie removeCookie(String name, boolean invalidate) {
    return hostResponse.removeCookie(name, invalidate);
  }

  @Override
  public Set<Cookie> removeCookies(String name, boolean invalidate) {
    return hostResponse.removeCookies(name, invalidate);
  }

  @Override
  public Cookie removeCookie(String name, String domain, String path, boolean invalidate) {
    return hostResponse.removeCookie(name, domain, path, invalidate);
  }

  private <T> Handler<T> onGeneration(Handler<T> handler) {
    return handler == null ? null : event -> OnContext.emit(generationContext, event, handler);
  }

  @Override
  HttpServerResponse hostResponse() {
    return hostResponse;
  }

  @Override
  <T> Future<T> onGeneration(Future<T> hostFuture) {
    return GenerationFuture.of(generationContext, hostFuture);
  }
}
