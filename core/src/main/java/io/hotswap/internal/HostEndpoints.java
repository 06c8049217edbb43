package io.hotswap.internal;

import io.hotswap.EndpointSpec;
import io.hotswap.internal.endpoint.ActiveBindings;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EventBusEndpoint;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.hotswap.internal.endpoint.HttpRouteEndpoint;
import io.hotswap.internal.endpoint.Lanes;
import io.hotswap.internal.endpoint.SseEndpoint;
import io.hotswap.internal.endpoint.TcpEndpoint;
import io.hotswap.internal.endpoint.WebSocketEndpoint;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the host endpoints an instance declares, from their specs. Stateless; thread-safe. */
final class HostEndpoints {
  private HostEndpoints() {}

  /**
   * Creates every endpoint in spec order, then attaches the WebSocket and SSE routes to the HTTP
   * endpoints they name.
   *
   * @throws IllegalArgumentException when a route names an HTTP endpoint that is not declared
   */
  static List<Endpoint> create(
      Vertx vertx, List<EndpointSpec> specs, Lanes lanes, ActiveBindings active) {
    List<Endpoint> created = new ArrayList<>();
    Map<String, HttpEndpoint> http = new HashMap<>();
    Map<String, HttpRouteEndpoint> routes = new LinkedHashMap<>();
    for (EndpointSpec spec : specs) {
      int index = created.size();
      if (spec instanceof EndpointSpec.Http httpSpec) {
        HttpEndpoint endpoint = new HttpEndpoint(vertx, httpSpec, index, lanes, active);
        http.put(httpSpec.name(), endpoint);
        created.add(endpoint);
      } else if (spec instanceof EndpointSpec.EventBus bus) {
        created.add(new EventBusEndpoint(vertx, bus, index, lanes, active));
      } else if (spec instanceof EndpointSpec.Tcp tcp) {
        created.add(new TcpEndpoint(vertx, tcp, index, lanes, active));
      } else if (spec instanceof EndpointSpec.WebSocket ws) {
        WebSocketEndpoint endpoint = new WebSocketEndpoint(ws, index, lanes, active);
        routes.put(ws.name(), new HttpRouteEndpoint(ws.http(), ws.path(), endpoint));
        created.add(endpoint);
      } else if (spec instanceof EndpointSpec.Sse sse) {
        SseEndpoint endpoint = new SseEndpoint(sse, index, lanes, active);
        routes.put(sse.name(), new HttpRouteEndpoint(sse.http(), sse.path(), endpoint));
        created.add(endpoint);
      }
    }
    routes.forEach(
        (name, route) -> {
          HttpEndpoint target = http.get(route.http());
          if (target == null) {
            throw new IllegalArgumentException(
                "endpoint '"
                    + name
                    + "' names HTTP endpoint '"
                    + route.http()
                    + "', which is not declared");
          }
          route.attachTo(target);
        });
    return List.copyOf(created);
  }
}
