package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP gateway endpoint of newline-delimited messages: one host {@link NetServer} per lane, all on
 * one port (as {@link HttpEndpoint} does), so every socket belongs to the host and outlives every
 * generation. Each line (without its end of line) is a message; each message sent is written with a
 * newline. A line no generation can take is answered with an {@code ERROR} line.
 *
 * <p>Thread-safe: each socket's handlers run on its lane thread.
 */
public final class TcpEndpoint extends ConnectionEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TcpEndpoint.class);
  private static final AtomicInteger SHARED_RANDOM_PORT = new AtomicInteger(1_000);
  private static final Buffer NEWLINE = Buffer.buffer("\n");

  private final Vertx vertx;
  private final EndpointSpec.Tcp spec;
  private final List<NetServer> servers = new ArrayList<>();
  private volatile int port = -1;

  /** Creates the endpoint; nothing is bound until {@link #open()}. */
  public TcpEndpoint(
      Vertx vertx, EndpointSpec.Tcp spec, int index, Lanes lanes, ActiveBindings active) {
    super(spec.name(), "tcp", spec.limits(), index, lanes, active);
    this.vertx = vertx;
    this.spec = spec;
  }

  /** The bound port, or -1 before {@link #open()} completed. */
  public int port() {
    return port;
  }

  @Override
  String kind() {
    return "tcp";
  }

  @Override
  String address() {
    return Integer.toString(port);
  }

  @Override
  public Future<Void> open() {
    NetServerOptions options = new NetServerOptions().setPort(spec.port());
    if (spec.port() == 0) {
      // Shared random port, as in HttpEndpoint#open.
      options.setPort(-SHARED_RANDOM_PORT.getAndIncrement());
    }
    return listen(0, options)
        .compose(
            actualPort -> {
              port = actualPort;
              List<Future<Integer>> others = new ArrayList<>();
              for (int lane = 1; lane < lanes().size(); lane++) {
                others.add(listen(lane, options));
              }
              return Future.all(others);
            })
        .<Void>mapEmpty()
        .onSuccess(
            v ->
                LOG.info(
                    "TCP endpoint '{}' listening on port {} ({} lanes)",
                    name(),
                    port,
                    lanes().size()));
  }

  private Future<Integer> listen(int lane, NetServerOptions options) {
    ContextInternal context = lanes().hostContext(lane);
    Promise<Integer> bound = context.promise();
    context.runOnContext(
        v -> {
          NetServer server = vertx.createNetServer(options);
          synchronized (servers) {
            servers.add(server);
          }
          server
              .connectHandler(socket -> accept(socket, lane))
              .listen()
              .map(NetServer::actualPort)
              .onComplete(bound);
        });
    return bound.future();
  }

  private void accept(NetSocket socket, int lane) {
    TcpConnection connection =
        new TcpConnection(registry().nextId(), name(), lane, registry().load(), socket);
    socket.setWriteQueueMaxSize(spec.maxPendingBytes());
    RecordParser lines =
        RecordParser.newDelimited(
            "\n",
            line -> {
              int length = line.length();
              if (length > 0 && line.getByte(length - 1) == '\r') {
                line = line.getBuffer(0, length - 1);
              }
              message(connection, line);
            });
    lines.maxRecordSize(spec.maxLineBytes());
    lines.exceptionHandler(
        tooLong -> {
          LOG.warn("endpoint '{}': closing connection {}: {}", name(), connection, tooLong);
          socket.write("ERROR line longer than " + spec.maxLineBytes() + " bytes\n");
          socket.close();
        });
    socket.handler(lines);
    socket.exceptionHandler(
        failure -> LOG.debug("endpoint '{}': connection {}: {}", name(), connection, failure));
    socket.closeHandler(v -> closed(connection));
    opened(connection);
  }

  @Override
  Future<Void> closeServers(Duration grace) {
    List<Future<Void>> closed = new ArrayList<>();
    synchronized (servers) {
      for (NetServer server : servers) {
        closed.add(server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
      }
      servers.clear();
    }
    return Future.join(closed).mapEmpty();
  }

  /** One host-owned TCP socket. */
  private static final class TcpConnection extends HostConnection {
    private final NetSocket socket;

    TcpConnection(String id, String endpoint, int lane, GatewayLoad load, NetSocket socket) {
      super(id, endpoint, lane, load);
      this.socket = socket;
    }

    @Override
    Future<Void> writeBinary(Buffer message) {
      return socket.write(message.copy().appendBuffer(NEWLINE));
    }

    @Override
    Future<Void> writeText(String message) {
      return socket.write(message + "\n");
    }

    @Override
    Future<Void> closeNormally() {
      closed();
      return socket.close();
    }

    @Override
    void closeTooSlow(String reason) {
      socket.close();
    }

    @Override
    void unavailable(String reason, boolean opening) {
      Future<Void> written = socket.write("ERROR " + reason + "\n");
      if (opening) {
        closed();
        // Close only once the line is out, so the client always reads why.
        written.onComplete(done -> socket.close());
      }
    }
  }
}
