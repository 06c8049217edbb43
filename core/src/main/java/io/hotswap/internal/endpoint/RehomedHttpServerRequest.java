/*
 * Design notes: why re-homing exists.
 *
 * The host owns the HttpServer, so Vert.x creates every request's context from the host verticle.
 * The host dispatches the request into a generation with genDuplicate.emit(request, handler), but
 * that only covers the first call. Every later callback Vert.x fires for the request (body()
 * completion, handler/endHandler, response().end() futures, drain and close handlers, and in
 * vertx-web every route after BodyHandler) would run on the host context with the host's
 * classloader. A timer or consumer that business code creates there belongs to the host
 * deployment: undeploying the generation does not cancel it, it keeps firing generation code and
 * pins the generation's loader for the life of the process.
 *
 * This wrapper closes that hole for HTTP/1.x. Its context() is the generation's duplicate
 * (vertx-web stores it in the RoutingContext), every handler passed in is re-emitted on that
 * context, and every future handed out is a promise of that context completed by the host future.
 * emit(..) runs inline on the event loop (the generation context is pinned to the connection's
 * event loop), so ordering and synchronous semantics are those of plain Vert.x: same thread, no
 * extra task hop.
 *
 * The wrapper extends HttpServerRequestWrapper rather than being a java.lang.reflect.Proxy because
 * vertx-web casts requests to HttpServerRequestInternal.
 *
 * Known gaps: connection() and the AsyncFile of an upload are the host's objects, so handlers set
 * on them still run on the host context; toWebSocket()/toNetSocket() re-home only the future, not
 * the socket's own handlers. HTTP/2 is untested.
 */
package io.hotswap.internal.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpFrame;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.StreamPriority;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.core.net.NetSocket;
import java.util.Objects;

/**
 * An HTTP server request accepted by the host, as seen by one generation: every callback and future
 * completion runs on the generation's context instead of the host's.
 *
 * <p>Lifecycle: the host creates one per request, synchronously in its request handler (before any
 * business code ran, so the response's end hook sees every outcome), and hands it to the generation
 * with {@code generationContext.emit(request, handler)}. It lives as long as the exchange; {@code
 * onExchangeDone} runs exactly once when the response ended or the connection closed first.
 *
 * <p>Thread-safety: confined to the connection's event loop, like the host request it wraps.
 */
final class RehomedHttpServerRequest extends HttpServerRequestWrapper {

  private final ContextInternal generationContext;
  private final RehomedHttpServerResponse response;
  private volatile boolean pausedByGeneration;

  /**
   * Wraps {@code hostRequest} for the generation owning {@code generationContext}.
   *
   * @param hostRequest the request as Vert.x delivered it to the host's handler
   * @param generationContext a duplicate of the generation's pinned context, on the connection's
   *     event loop
   * @param onExchangeDone run once, on the event loop, when the response ended or the connection
   *     closed before it did (the host's in-flight accounting)
   */
  RehomedHttpServerRequest(
      HttpServerRequestInternal hostRequest,
      ContextInternal generationContext,
      Runnable onExchangeDone) {
    super(hostRequest);
    this.generationContext = Objects.requireNonNull(generationContext, "generationContext");
    this.response = new RehomedHttpServerResponse(hostRequest, generationContext, onExchangeDone);
  }

  @Override
  public ContextInternal context() {
    return generationContext;
  }

  /**
   * Returns the one {@link RehomedHttpServerResponse} of this request. Declared with the interface
   * type on purpose: the host casts it, and a covariant return would make that cast redundant.
   */
  @Override
  public HttpServerResponse response() {
    return response;
  }

  // Handlers: re-emitted on the generation context.

  @Override
  public HttpServerRequest handler(Handler<Buffer> handler) {
    delegate.handler(onGeneration(handler));
    return this;
  }

  @Override
  public HttpServerRequest endHandler(Handler<Void> endHandler) {
    delegate.endHandler(onGeneration(endHandler));
    return this;
  }

  @Override
  public HttpServerRequest exceptionHandler(Handler<Throwable> handler) {
    delegate.exceptionHandler(onGeneration(handler));
    return this;
  }

  @Override
  public HttpServerRequest uploadHandler(Handler<HttpServerFileUpload> uploadHandler) {
    Handler<HttpServerFileUpload> rehomed =
        uploadHandler == null
            ? null
            : upload ->
                OnContext.emit(
                    generationContext,
                    new RehomedFileUpload(upload, generationContext),
                    uploadHandler);
    delegate.uploadHandler(rehomed);
    return this;
  }

  @Override
  public HttpServerRequest customFrameHandler(Handler<HttpFrame> handler) {
    delegate.customFrameHandler(onGeneration(handler));
    return this;
  }

  @Override
  public HttpServerRequest streamPriorityHandler(Handler<StreamPriority> handler) {
    delegate.streamPriorityHandler(onGeneration(handler));
    return this;
  }

  // bodyHandler is not overridden: the interface default calls this.body(), which is re-homed.

  // Futures: completed on the generation context.

  @Override
  public Future<Buffer> body() {
    return onGeneration(delegate.body());
  }

  @Override
  public Future<Void> end() {
    return onGeneration(delegate.end());
  }

  @Override
  public Future<NetSocket> toNetSocket() {
    // A successful upgrade marks the response written without calling its end handler.
    return onGeneration(response.settleWhenDone(delegate.toNetSocket()));
  }

  /**
   * The socket is paused from its upgrade until the generation's listeners of the returned future
   * have run (they set the socket's handlers): a frame the client sends right after the handshake
   * would otherwise reach a socket without handlers, and be dropped, while the completion hops to
   * the generation context. Plain Vert.x completes the future before it reads the next frame.
   */
  @Override
  public Future<ServerWebSocket> toWebSocket() {
    PromiseInternal<ServerWebSocket> promise = generationContext.promise();
    Future<ServerWebSocket> upgrade = delegate.toWebSocket();
    // The first listener, where the upgrade completes: before the socket reads another frame.
    upgrade.onSuccess(ServerWebSocket::pause);
    response
        .settleWhenDone(upgrade)
        .onComplete(
            upgraded -> {
              if (upgraded.failed()) {
                promise.fail(upgraded.cause());
                return;
              }
              ServerWebSocket socket = upgraded.result();
              OnContext.emit(
                  generationContext,
                  socket,
                  ready -> {
                    promise.complete(ready);
                    ready.resume();
                  });
            });
    return promise.future();
  }

  // Fluent methods: return the wrapper, never the host request.

  @Override
  public HttpServerRequest pause() {
    pausedByGeneration = true;
    delegate.pause();
    return this;
  }

  @Override
  public HttpServerRequest resume() {
    pausedByGeneration = false;
    delegate.resume();
    return this;
  }

  @Override
  public HttpServerRequest fetch(long amount) {
    pausedByGeneration = false;
    delegate.fetch(amount);
    return this;
  }

  /** Whether the generation's code left the request paused. */
  boolean pausedByGeneration() {
    return pausedByGeneration;
  }

  @Override
  public HttpServerRequest setParamsCharset(String charset) {
    delegate.setParamsCharset(charset);
    return this;
  }

  @Override
  public HttpServerRequest setExpectMultipart(boolean expect) {
    delegate.setExpectMultipart(expect);
    return this;
  }

  @Override
  public HttpServerRequest routed(String route) {
    delegate.routed(route);
    return this;
  }

  private <T> Handler<T> onGeneration(Handler<T> handler) {
    return handler == null ? null : event -> OnContext.emit(generationContext, event, handler);
  }

  private <T> Future<T> onGeneration(Future<T> hostFuture) {
    return GenerationFuture.of(generationContext, hostFuture);
  }

  /**
   * A file upload of a re-homed request: vertx-web's BodyHandler continues routing from the
   * completion of {@link #streamToFileSystem}, so it must run on the generation context too.
   */
  private static final class RehomedFileUpload implements HttpServerFileUpload {

    private final HttpServerFileUpload delegate;
    private final ContextInternal generationContext;

    RehomedFileUpload(HttpServerFileUpload delegate, ContextInternal generationContext) {
      this.delegate = delegate;
      this.generationContext = generationContext;
    }

    @Override
    public HttpServerFileUpload exceptionHandler(Handler<Throwable> handler) {
      delegate.exceptionHandler(onGeneration(handler));
      return this;
    }

    @Override
    public HttpServerFileUpload handler(Handler<Buffer> handler) {
      delegate.handler(onGeneration(handler));
      return this;
    }

    @Override
    public HttpServerFileUpload endHandler(Handler<Void> endHandler) {
      delegate.endHandler(onGeneration(endHandler));
      return this;
    }

    @Override
    public HttpServerFileUpload pause() {
      delegate.pause();
      return this;
    }

    @Override
    public HttpServerFileUpload resume() {
      delegate.resume();
      return this;
    }

    @Override
    public HttpServerFileUpload fetch(long amount) {
      delegate.fetch(amount);
      return this;
    }

    @Override
    public Future<Void> streamToFileSystem(String filename) {
      PromiseInternal<Void> promise = generationContext.promise();
      delegate.streamToFileSystem(filename).onComplete(promise);
      return promise.future();
    }

    @Override
    public boolean cancelStreamToFileSystem() {
      return delegate.cancelStreamToFileSystem();
    }

    @Override
    public String filename() {
      return delegate.filename();
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public String contentType() {
      return delegate.contentType();
    }

    @Override
    public String contentTransferEncoding() {
      return delegate.contentTransferEncoding();
    }

    @Override
    public String charset() {
      return delegate.charset();
    }

    @Override
    public long size() {
      return delegate.size();
    }

    @Override
    public boolean isSizeAvailable() {
      return delegate.isSizeAvailable();
    }

    @Override
    public AsyncFile file() {
      return delegate.file();
    }

    private <T> Handler<T> onGeneration(Handler<T> handler) {
      return handler == null ? null : event -> OnContext.emit(generationContext, event, handler);
    }
  }
}
