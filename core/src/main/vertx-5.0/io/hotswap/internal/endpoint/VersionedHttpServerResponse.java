package io.hotswap.internal.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/**
 * The methods of {@link HttpServerResponse} that differ between Vert.x lines, for {@link
 * RehomedHttpServerResponse}. This copy is compiled on Vert.x 5.0 ({@code src/main/vertx-5.0}, the
 * build's default line); its twin in {@code src/main/vertx-5.1} is compiled on 5.1, where {@code
 * streamId()} returns a {@code long} and {@code cancel()} and {@code writeAltSvc(String)} are new.
 * No single source declares {@code streamId()} for both.
 *
 * <p>Thread-safety: as the subclass, confined to the connection's event loop.
 */
abstract class VersionedHttpServerResponse implements HttpServerResponse {

  /**
   * Whether the host response's end handler also runs when the connection closes before the
   * response ended (Vert.x 5.0 calls it): if so, the end hook alone settles every exchange, and the
   * close hook is installed only for a close handler of the generation.
   */
  static final boolean END_HANDLER_RUNS_ON_CLOSE = true;

  /** The host's response that every call is delegated to. */
  abstract HttpServerResponse hostResponse();

  /** {@code hostFuture}, completed on the generation's context. */
  abstract <T> Future<T> onGeneration(Future<T> hostFuture);

  @Override
  public int streamId() {
    return hostResponse().streamId();
  }
}
