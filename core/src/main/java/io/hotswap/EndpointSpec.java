package io.hotswap;

import io.vertx.core.http.HttpServerOptions;
import java.util.Objects;

/**
 * Declares a host endpoint: a named entry point that the host owns for the whole life of the
 * process and that dispatches to the active generation. Generation code binds to it by {@link
 * #name()}.
 *
 * <p>Immutable and thread-safe (the {@link HttpServerOptions} of an HTTP endpoint are copied).
 */
public sealed interface EndpointSpec
    permits EndpointSpec.Http,
        EndpointSpec.EventBus,
        EndpointSpec.WebSocket,
        EndpointSpec.Tcp,
        EndpointSpec.Sse {

  /**
   * The default bound of bytes queued for one connection and not yet taken by its socket: past it
   * the host closes the connection as too slow ({@link GatewayLimits}).
   */
  int DEFAULT_MAX_PENDING_BYTES = GatewayLimits.DEFAULT_MAX_PENDING_BYTES;

  /**
   * The default bound of requests (HTTP) or messages (event bus) an endpoint has in flight in
   * generation code: past it the host answers 503 with {@code Retry-After}, or fails the message
   * with code 503. Sized so that a 512 MiB heap holds them.
   */
  int DEFAULT_MAX_IN_FLIGHT = 8192;

  /** The name generation code binds to. */
  String name();

  /** An HTTP endpoint on {@code port} (0 picks a free port) of all interfaces. */
  static Http http(String name, int port) {
    return http(name, new HttpServerOptions().setPort(port));
  }

  /** An HTTP endpoint with full server options (host, port, TLS, ...). */
  static Http http(String name, HttpServerOptions options) {
    return new Http(name, options, DEFAULT_MAX_IN_FLIGHT);
  }

  /** An event-bus endpoint: the host consumes {@code address} and dispatches each message. */
  static EventBus eventBus(String name, String address) {
    return new EventBus(name, address, DEFAULT_MAX_IN_FLIGHT);
  }

  /**
   * A WebSocket endpoint: the HTTP endpoint {@code http} hands it the upgrade requests on {@code
   * path}; the host keeps each WebSocket open across reloads (a gateway, {@code reloadable =
   * false}).
   */
  static WebSocket webSocket(String name, String http, String path) {
    return new WebSocket(name, http, path, GatewayLimits.defaults());
  }

  /** A TCP endpoint of newline-delimited messages on {@code port} (0 picks a free port). */
  static Tcp tcp(String name, int port) {
    return new Tcp(name, port, GatewayLimits.defaults(), 64 * 1024);
  }

  /**
   * A server-sent-event endpoint: the HTTP endpoint {@code http} hands it the GET requests on
   * {@code path}; the host answers with {@code text/event-stream} and keeps the stream open.
   */
  static Sse sse(String name, String http, String path) {
    return new Sse(name, http, path, GatewayLimits.defaults());
  }

  /** A WebSocket route on an HTTP endpoint. */
  record WebSocket(String name, String http, String path, GatewayLimits limits)
      implements EndpointSpec {
    /** Validates the fields. */
    public WebSocket {
      requireName(name);
      requireRoute(name, http, path);
      Objects.requireNonNull(limits, "limits");
    }

    /** The same endpoint with other overload bounds. */
    public WebSocket withLimits(GatewayLimits other) {
      return new WebSocket(name, http, path, other);
    }

    /** The per-connection bound of pending bytes. */
    public int maxPendingBytes() {
      return limits.maxPendingBytes();
    }
  }

  /** A TCP server of newline-delimited messages. */
  record Tcp(String name, int port, GatewayLimits limits, int maxLineBytes)
      implements EndpointSpec {
    /** Validates the fields. */
    public Tcp {
      requireName(name);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("TCP endpoint '" + name + "' has bad port " + port);
      }
      Objects.requireNonNull(limits, "limits");
      requirePositive(name, maxLineBytes);
    }

    /** The same endpoint with other overload bounds. */
    public Tcp withLimits(GatewayLimits other) {
      return new Tcp(name, port, other, maxLineBytes);
    }

    /** The per-connection bound of pending bytes. */
    public int maxPendingBytes() {
      return limits.maxPendingBytes();
    }
  }

  /** A server-sent-event route on an HTTP endpoint. */
  record Sse(String name, String http, String path, GatewayLimits limits) implements EndpointSpec {
    /** Validates the fields. */
    public Sse {
      requireName(name);
      requireRoute(name, http, path);
      Objects.requireNonNull(limits, "limits");
    }

    /** The same endpoint with other overload bounds. */
    public Sse withLimits(GatewayLimits other) {
      return new Sse(name, http, path, other);
    }

    /** The per-connection bound of pending bytes. */
    public int maxPendingBytes() {
      return limits.maxPendingBytes();
    }
  }

  /** An HTTP server endpoint. */
  record Http(String name, HttpServerOptions options, int maxInFlight) implements EndpointSpec {
    /** Validates and copies the options. */
    public Http {
      requireName(name);
      options = new HttpServerOptions(Objects.requireNonNull(options, "options"));
      if (maxInFlight <= 0) {
        throw new IllegalArgumentException(
            "HTTP endpoint '" + name + "' needs a positive in-flight bound, not " + maxInFlight);
      }
    }

    /** The same endpoint with another in-flight bound. */
    public Http withMaxInFlight(int max) {
      return new Http(name, options, max);
    }

    /** Returns a copy, so the options stay immutable. */
    @Override
    public HttpServerOptions options() {
      return new HttpServerOptions(options);
    }
  }

  /** An event-bus address endpoint. */
  record EventBus(String name, String address, int maxInFlight) implements EndpointSpec {
    /** Validates the name and address. */
    public EventBus {
      requireName(name);
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("event-bus endpoint '" + name + "' needs an address");
      }
      if (maxInFlight <= 0) {
        throw new IllegalArgumentException(
            "event-bus endpoint '" + name + "' needs a positive in-flight bound");
      }
    }

    /** The same endpoint with another bound of messages in flight; past it senders get 503. */
    public EventBus withMaxInFlight(int max) {
      return new EventBus(name, address, max);
    }
  }

  private static void requireRoute(String name, String http, String path) {
    if (http == null || http.isBlank() || path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "endpoint '" + name + "' needs an HTTP endpoint name and a path starting with '/'");
    }
  }

  private static void requirePositive(String name, int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("endpoint '" + name + "' needs a positive byte bound");
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an endpoint needs a non-blank name");
    }
  }
}
