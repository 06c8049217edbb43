package io.hotswap.benchmarks;

import io.netty.handler.codec.DecoderResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpFrame;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.StreamPriority;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;
import java.util.Set;

/**
 * A host request without a socket, for {@link DispatchCostBenchmark}: what the endpoint's dispatch
 * and {@link HelloHandler} read of a request ({@code GET /}, HTTP/1.1, no headers, no body, the
 * host's context) and its {@link StubHostResponse}. Everything else throws: it is not on the
 * measured path, and a call to it would mean the benchmark no longer measures what it says.
 *
 * <p>Confined to the event-loop thread that dispatches it, like a Vert.x request.
 */
final class StubHostRequest extends HttpServerRequestInternal {
  private static final MultiMap NO_HEADERS = MultiMap.caseInsensitiveMultiMap();

  private final ContextInternal hostContext;
  private final StubHostResponse response;

  /** A request as the host's server would deliver it on {@code hostContext}. */
  StubHostRequest(ContextInternal hostContext) {
    this.hostContext = hostContext;
    this.response = new StubHostResponse(hostContext);
  }

  /** Its response, to check what the handler answered. */
  StubHostResponse stubResponse() {
    return response;
  }

  @Override
  public ContextInternal context() {
    return hostContext;
  }

  @Override
  public Object metric() {
    throw unsupported("metric");
  }

  @Override
  public HttpMethod method() {
    return HttpMethod.GET;
  }

  @Override
  public HttpVersion version() {
    return HttpVersion.HTTP_1_1;
  }

  @Override
  public Future<Void> end() {
    throw unsupported("end");
  }

  @Override
  public HttpServerRequest handler(Handler<Buffer> a0) {
    throw unsupported("handler");
  }

  @Override
  public HttpServerRequest resume() {
    return this;
  }

  @Override
  public MultiMap params(boolean a0) {
    throw unsupported("params");
  }

  @Override
  public HostAndPort authority(boolean a0) {
    throw unsupported("authority");
  }

  @Override
  public HostAndPort authority() {
    throw unsupported("authority");
  }

  @Override
  public Future<Buffer> body() {
    throw unsupported("body");
  }

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public HttpConnection connection() {
    throw unsupported("connection");
  }

  @Override
  public long bytesRead() {
    throw unsupported("bytesRead");
  }

  @Override
  public HttpServerRequest exceptionHandler(Handler<Throwable> a0) {
    throw unsupported("exceptionHandler");
  }

  @Override
  public HttpServerRequest pause() {
    return this;
  }

  @Override
  public HttpServerRequest fetch(long a0) {
    throw unsupported("fetch");
  }

  @Override
  public HttpServerRequest endHandler(Handler<Void> a0) {
    throw unsupported("endHandler");
  }

  @Override
  public HttpServerResponse response() {
    return response;
  }

  @Override
  public HttpServerRequest setParamsCharset(String a0) {
    throw unsupported("setParamsCharset");
  }

  @Override
  public String getParamsCharset() {
    throw unsupported("getParamsCharset");
  }

  @Override
  public String absoluteURI() {
    throw unsupported("absoluteURI");
  }

  @Override
  public Future<NetSocket> toNetSocket() {
    throw unsupported("toNetSocket");
  }

  @Override
  public HttpServerRequest setExpectMultipart(boolean a0) {
    throw unsupported("setExpectMultipart");
  }

  @Override
  public boolean isExpectMultipart() {
    throw unsupported("isExpectMultipart");
  }

  @Override
  public HttpServerRequest uploadHandler(Handler<HttpServerFileUpload> a0) {
    throw unsupported("uploadHandler");
  }

  @Override
  public MultiMap formAttributes() {
    throw unsupported("formAttributes");
  }

  @Override
  public String getFormAttribute(String a0) {
    throw unsupported("getFormAttribute");
  }

  @Override
  public Future<ServerWebSocket> toWebSocket() {
    throw unsupported("toWebSocket");
  }

  @Override
  public boolean isEnded() {
    return true;
  }

  @Override
  public HttpServerRequest customFrameHandler(Handler<HttpFrame> a0) {
    throw unsupported("customFrameHandler");
  }

  @Override
  public HttpServerRequest streamPriorityHandler(Handler<StreamPriority> a0) {
    throw unsupported("streamPriorityHandler");
  }

  @Override
  public DecoderResult decoderResult() {
    throw unsupported("decoderResult");
  }

  @Override
  public Cookie getCookie(String a0) {
    throw unsupported("getCookie");
  }

  @Override
  public Cookie getCookie(String a0, String a1, String a2) {
    throw unsupported("getCookie");
  }

  @Override
  public Set<Cookie> cookies(String a0) {
    throw unsupported("cookies");
  }

  @Override
  public Set<Cookie> cookies() {
    throw unsupported("cookies");
  }

  @Override
  public String uri() {
    return "/";
  }

  @Override
  public String query() {
    return null;
  }

  @Override
  public String path() {
    return "/";
  }

  @Override
  public MultiMap headers() {
    return NO_HEADERS;
  }

  private static UnsupportedOperationException unsupported(String method) {
    return new UnsupportedOperationException(method + " is not part of the measured path");
  }
}
