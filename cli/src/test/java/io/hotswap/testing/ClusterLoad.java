package io.hotswap.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on a cluster's HTTP ports, as a client that spreads its requests over the nodes would put
 * it: keep-alive clients on every node, every request counted, plus a sampler that asks every node
 * at once every {@value #SAMPLE_MS} ms and records how many answered 200 in each round, so a test
 * can say how many nodes served at the worst moment.
 *
 * <p>Not thread-safe: start, then stop, from the test thread.
 */
public final class ClusterLoad implements AutoCloseable {
  static final long SAMPLE_MS = 20;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final List<LoadDriver> drivers = new ArrayList<>();
  private final List<Integer> ports;
  private final HttpClient sampler;
  private final ConcurrentLinkedQueue<Integer> rounds = new ConcurrentLinkedQueue<>();
  private volatile boolean sampling;

  /** Load on {@code ports} with {@code clientsPerNode} keep-alive clients each. */
  public ClusterLoad(List<Integer> ports, int clientsPerNode) {
    this.ports = List.copyOf(ports);
    for (int port : ports) {
      drivers.add(new LoadDriver(vertx, port, "/", clientsPerNode));
    }
    this.sampler = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
  }

  /** Starts the clients and the sampler. */
  public ClusterLoad start() {
    drivers.forEach(LoadDriver::start);
    sampling = true;
    sample();
    return this;
  }

  private void sample() {
    if (!sampling) {
      return;
    }
    AtomicInteger serving = new AtomicInteger();
    List<Future<HttpAnswer>> asked = new ArrayList<>();
    for (int port : ports) {
      asked.add(
          Harness.get(sampler, port, "/")
              .onSuccess(
                  answer -> {
                    if (answer.status() == 200) {
                      serving.incrementAndGet();
                    }
                  }));
    }
    Future.join(asked)
        .onComplete(
            all -> {
              rounds.add(serving.get());
              vertx.setTimer(SAMPLE_MS, fired -> sample());
            });
  }

  /** Stops the clients (waiting for their last answers) and the sampler. */
  public ClusterLoad stop() {
    sampling = false;
    drivers.forEach(LoadDriver::stop);
    return this;
  }

  public long sent() {
    return drivers.stream().mapToLong(LoadDriver::sent).sum();
  }

  public long ok() {
    return drivers.stream().mapToLong(LoadDriver::ok).sum();
  }

  public long failed() {
    return drivers.stream().mapToLong(LoadDriver::failed).sum();
  }

  /** The first failures of every node's clients. */
  public List<String> failures() {
    return drivers.stream().flatMap(driver -> driver.failures().stream()).toList();
  }

  /** The fewest nodes that answered 200 in one sampling round; -1 before the first round. */
  public int fewestServing() {
    return rounds.stream().mapToInt(Integer::intValue).min().orElse(-1);
  }

  /** How many sampling rounds ran. */
  public int rounds() {
    return rounds.size();
  }

  @Override
  public void close() {
    sampling = false;
    Harness.await(vertx.close());
  }
}
