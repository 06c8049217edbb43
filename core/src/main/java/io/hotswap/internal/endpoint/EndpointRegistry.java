package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of one application: those declared in the options, opened at boot, and those that
 * unmodified Vert.x code creates on first use ({@code listen(port)} → {@code http:<port>}, {@code
 * consumer(address)} → {@code bus:<address>}), kept for the life of the host so the same port and
 * address stay bound across generations.
 *
 * <p>Design notes: binding tables are arrays indexed by endpoint index, so a new endpoint takes the
 * next index and older tables simply have no row for it ({@link BindingTable#binding} answers
 * {@code null}); the cutover stays one volatile write. An endpoint whose open failed (a port the
 * host cannot bind) is removed again, its index stays unused, and the next generation may retry.
 *
 * <p>Thread-safe: creation is serialized on this object; reads are lock-free.
 */
public final class EndpointRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointRegistry.class);

  private final Vertx vertx;
  private final Lanes lanes;
  private final ActiveBindings active;
  private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
  private final Map<String, Endpoint> byName = new ConcurrentHashMap<>();
  private final Map<String, Future<Void>> opening = new ConcurrentHashMap<>();
  private int nextIndex;

  /** Creates a registry holding {@code declared}, whose indexes must be 0, 1, 2, ... */
  public EndpointRegistry(
      Vertx vertx, Lanes lanes, ActiveBindings active, List<Endpoint> declared) {
    this.vertx = vertx;
    this.lanes = lanes;
    this.active = active;
    for (Endpoint endpoint : declared) {
      endpoints.add(endpoint);
      byName.put(endpoint.name(), endpoint);
      opening.put(endpoint.name(), Future.succeededFuture());
    }
    nextIndex = declared.size();
  }

  /** An endpoint and the future of its open. */
  public record Opening(Endpoint endpoint, Future<Void> opened) {}

  /** The endpoints now, in index order. */
  public List<Endpoint> list() {
    return List.copyOf(endpoints);
  }

  /** The endpoint named {@code name}, or {@code null}. */
  public Endpoint find(String name) {
    return byName.get(name);
  }

  /** An upper bound of the endpoint indexes in use: binding tables are sized by it. */
  public synchronized int capacity() {
    return nextIndex;
  }

  /**
   * The HTTP endpoint {@code http:<port>}, created and opened with {@code options} on first use.
   * Port 0 is one endpoint too: the port the host picked the first time stays the answer.
   */
  public synchronized Opening http(int port, HttpServerOptions options) {
    String name = "http:" + port;
    Endpoint known = byName.get(name);
    if (known != null) {
      return new Opening(known, opening.get(name));
    }
    for (Endpoint declared : endpoints) {
      if (port != 0 && declared instanceof HttpEndpoint http && http.port() == port) {
        // Vert.x would share the port between the two servers, round robin: refuse instead.
        return new Opening(
            declared,
            Future.failedFuture(
                new IllegalStateException(
                    "port "
                        + port
                        + " belongs to the declared HTTP endpoint '"
                        + declared.name()
                        + "': bind its handler with Bindings.http(\""
                        + declared.name()
                        + "\", ...) or listen on another port")));
      }
    }
    HttpEndpoint endpoint =
        new HttpEndpoint(
            vertx,
            EndpointSpec.http(name, new HttpServerOptions(options).setPort(port)),
            nextIndex++,
            lanes,
            active);
    return add(endpoint);
  }

  /** The event-bus endpoint {@code bus:<address>}, created and registered on first use. */
  public synchronized Opening eventBus(String address) {
    String name = "bus:" + address;
    Endpoint known = byName.get(name);
    if (known != null) {
      return new Opening(known, opening.get(name));
    }
    return add(
        new EventBusEndpoint(
            vertx, EndpointSpec.eventBus(name, address), nextIndex++, lanes, active));
  }

  private Opening add(Endpoint endpoint) {
    endpoints.add(endpoint);
    byName.put(endpoint.name(), endpoint);
    // Opened from a host task, never on the stack of the generation code that asked: whatever
    // Vert.x and Netty create lazily while binding (threads above all) must not capture it.
    io.vertx.core.Promise<Void> hop = io.vertx.core.Promise.promise();
    lanes.hostContext(0).runOnContext(v -> endpoint.open().onComplete(hop));
    Future<Void> opened =
        hop.future()
            .recover(
                failure -> {
                  remove(endpoint);
                  return endpoint
                      .close(java.time.Duration.ZERO)
                      .transform(
                          closed ->
                              Future.<Void>failedFuture(
                                  new IllegalStateException(
                                      "the host cannot open endpoint '"
                                          + endpoint.name()
                                          + "': "
                                          + failure.getMessage(),
                                      failure)));
                });
    if (byName.get(endpoint.name()) == endpoint) {
      opening.put(endpoint.name(), opened);
    }
    opened.onSuccess(v -> LOG.info("endpoint '{}' created on first use", endpoint.name()));
    return new Opening(endpoint, opened);
  }

  private synchronized void remove(Endpoint endpoint) {
    endpoints.remove(endpoint);
    byName.remove(endpoint.name(), endpoint);
    opening.remove(endpoint.name());
  }

  /** Closes every endpoint, letting in-flight work finish within {@code grace}. */
  public Future<Void> closeAll(java.time.Duration grace) {
    List<Future<Void>> closed = new ArrayList<>();
    endpoints.forEach(endpoint -> closed.add(endpoint.close(grace)));
    return Future.join(closed).mapEmpty();
  }
}
