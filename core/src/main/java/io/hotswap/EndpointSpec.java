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
public sealed interface EndpointSpec permits EndpointSpec.Http, EndpointSpec.EventBus {

  /** The name generation code binds to. */
  String name();

  /** An HTTP endpoint on {@code port} (0 picks a free port) of all interfaces. */
  static Http http(String name, int port) {
    return http(name, new HttpServerOptions().setPort(port));
  }

  /** An HTTP endpoint with full server options (host, port, TLS, ...). */
  static Http http(String name, HttpServerOptions options) {
    return new Http(name, options);
  }

  /** An event-bus endpoint: the host consumes {@code address} and dispatches each message. */
  static EventBus eventBus(String name, String address) {
    return new EventBus(name, address);
  }

  /** An HTTP server endpoint. */
  record Http(String name, HttpServerOptions options) implements EndpointSpec {
    /** Validates and copies the options. */
    public Http {
      requireName(name);
      options = new HttpServerOptions(Objects.requireNonNull(options, "options"));
    }

    /** Returns a copy, so the options stay immutable. */
    @Override
    public HttpServerOptions options() {
      return new HttpServerOptions(options);
    }
  }

  /** An event-bus address endpoint. */
  record EventBus(String name, String address) implements EndpointSpec {
    /** Validates the name and address. */
    public EventBus {
      requireName(name);
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("event-bus endpoint '" + name + "' needs an address");
      }
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an endpoint needs a non-blank name");
    }
  }
}
