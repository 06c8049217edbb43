package io.hotswap.internal.endpoint;

/**
 * An HTTP request in flight, from dispatch until its re-homed response ended or the connection
 * closed: cancelled by answering 503 through that response.
 *
 * <p>Confined to its lane's thread like every {@link Exchange}, except {@link #finished()}.
 */
final class HttpExchange extends Exchange implements Runnable {
  RehomedHttpServerResponse response;

  HttpExchange(io.netty.channel.EventLoop lane) {
    super(lane);
  }

  /**
   * The response ended or the connection closed: a 5xx counts as a failed exchange. Runs on the
   * thread that ended the response, which is the instance's when the request was handed to an
   * instance of another lane, so the ledger is updated on the lane's thread.
   */
  void finished() {
    RehomedHttpServerResponse ended = response;
    finishFromAnyThread(ended != null && ended.getStatusCode() >= 500);
  }

  /** The end hook of its re-homed response: {@link #finished()}. */
  @Override
  public void run() {
    finished();
  }

  @Override
  boolean cancel() {
    return response.cancelByHost();
  }
}
