package io.hotswap.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Harness;
import io.hotswap.testing.JdkHttp;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP endpoint created on first use by an application's server (compat mode) accepts
 * connections only on the lanes of the server instances that asked for it, as Vert.x accepts a
 * server's connections only on its instances' event loops, so requests are not handed between event
 * loops; an endpoint opened for every lane (declared) accepts on all of them. Which lane accepted a
 * request is read from the lane ledgers, where each request is counted on its accepting lane.
 */
class CompatEndpointLanesIT {
  private static final int CONNECTIONS = 32;

  private Vertx vertx;
  private Lanes lanes;
  private ActiveBindings active;
  private EndpointRegistry registry;
  private InflightLedger ledger;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    lanes = Lanes.of(vertx, 0);
    active = new ActiveBindings();
    registry = new EndpointRegistry(vertx, lanes, active, List.of());
    ledger = new InflightLedger(lanes);
  }

  @AfterEach
  void stop() {
    Harness.await(registry.closeAll(java.time.Duration.ZERO));
    Harness.await(vertx.close());
  }

  @Test
  void endpointOnFirstUse_acceptsOnlyOnTheLanesOfTheInstancesThatListen() {
    EndpointRegistry.Opening opening = registry.http(0, new HttpServerOptions(), lanes.loop(2));
    Harness.await(opening.opened());
    HttpEndpoint endpoint = (HttpEndpoint) opening.endpoint();
    bindEveryLaneTo(endpoint, 2);

    requests(endpoint.port());
    assertThat(servedPerLane()).containsExactly(0L, 0L, (long) CONNECTIONS, 0L);

    // A second instance, on lane 1, listens on the same port: the host accepts there too.
    Harness.await(registry.http(0, new HttpServerOptions(), lanes.loop(1)).opened());
    requests(endpoint.port());
    List<Long> served = servedPerLane();
    assertThat(served.get(0)).isZero();
    assertThat(served.get(3)).isZero();
    assertThat(served.get(1)).isPositive();
    assertThat(served.get(1) + served.get(2)).isEqualTo(2L * CONNECTIONS);
  }

  @Test
  void endpointOfEveryLane_acceptsOnAllOfThem() {
    HttpEndpoint endpoint =
        new HttpEndpoint(
            vertx,
            io.hotswap.EndpointSpec.http("declared", new HttpServerOptions().setPort(0)),
            0,
            lanes,
            active);
    Harness.await(endpoint.open());
    bindEveryLaneTo(endpoint, 2);
    requests(endpoint.port());
    assertThat(servedPerLane()).allSatisfy(served -> assertThat(served).isPositive());
    Harness.await(endpoint.close(java.time.Duration.ZERO));
  }

  /** Binds endpoint index 0 on every lane to one handler pinned to {@code instanceLane}. */
  private void bindEveryLaneTo(HttpEndpoint endpoint, int instanceLane) {
    Handler<HttpServerRequest> handler = request -> request.response().end("ok");
    Binding[] byLane = new Binding[lanes.size()];
    for (int lane = 0; lane < lanes.size(); lane++) {
      byLane[lane] =
          new Binding(
              lanes.hostContext(instanceLane),
              handler,
              Binding.HandlerKind.HTTP,
              1,
              ledger,
              lane == instanceLane);
    }
    Binding[][] byEndpoint = new Binding[endpoint.index() + 1][];
    byEndpoint[endpoint.index()] = byLane;
    active.publish(new BindingTable(1, byEndpoint));
  }

  /** One request on each of {@link #CONNECTIONS} fresh connections; every one answered 200. */
  private void requests(int port) {
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      // A client of its own per request: a fresh connection, accepted on a lane of its own.
      statuses.add(new JdkHttp().get(port, "/").map(JdkHttp.Answer::status));
    }
    Harness.await(Future.all(statuses));
    assertThat(statuses).allSatisfy(status -> assertThat(status.result()).isEqualTo(200));
  }

  /** Requests counted on each lane so far, read on each lane's thread. */
  private List<Long> servedPerLane() {
    List<Long> served = new ArrayList<>();
    for (int lane = 0; lane < lanes.size(); lane++) {
      Promise<Long> count = Promise.promise();
      LaneLedger laneLedger = ledger.lane(lane);
      lanes.execute(lane, () -> count.complete(laneLedger.served()));
      served.add(Harness.await(count.future()));
    }
    return served;
  }
}
