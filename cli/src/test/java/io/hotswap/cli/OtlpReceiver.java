package io.hotswap.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP receiver on loopback, in place of a collector: it takes {@code POST
 * /v1/traces} ({@code application/x-protobuf}, an {@code ExportTraceServiceRequest}), decodes the
 * fields the tests read with a small protobuf wire-format reader, and answers 200 with an empty
 * {@code ExportTraceServiceResponse}. Other signals' paths answer 200 and are counted only.
 *
 * <p>Thread-safe: the server's thread adds, tests read.
 */
final class OtlpReceiver implements AutoCloseable {
  /** The OTLP span kind of a server span. */
  static final int SERVER = 2;

  /**
   * One exported span.
   *
   * @param resource the attributes of its resource (string and integer values)
   * @param traceId hex
   * @param name the span name
   * @param kind the OTLP kind (1 internal, 2 server, 3 client, ...)
   * @param attributes its attributes (string, integer and boolean values)
   */
  record Span(
      Map<String, Object> resource,
      String traceId,
      String name,
      int kind,
      Map<String, Object> attributes) {}

  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  OtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The endpoint to configure: {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The spans received so far. */
  List<Span> spans() {
    return List.copyOf(spans);
  }

  /** Requests that were not OTLP trace exports as expected (path, method or content type). */
  List<String> refused() {
    return List.copyOf(refused);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod())
          || !"/v1/traces".equals(exchange.getRequestURI().getPath())
          || !"application/x-protobuf".equals(type)) {
        refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + type);
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      decodeRequest(ByteBuffer.wrap(body.readAllBytes()));
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** {@code ExportTraceServiceRequest}: 1 resource_spans. */
  private void decodeRequest(ByteBuffer request) {
    Wire wire = new Wire(request);
    while (wire.more()) {
      if (wire.next() == 1) {
        decodeResourceSpans(wire.message());
      } else {
        wire.skip();
      }
    }
  }

  /** {@code ResourceSpans}: 1 resource, 2 scope_spans. */
  private void decodeResourceSpans(ByteBuffer resourceSpans) {
    Map<String, Object> resource = new HashMap<>();
    java.util.ArrayList<ByteBuffer> scopes = new java.util.ArrayList<>();
    Wire wire = new Wire(resourceSpans);
    while (wire.more()) {
      int field = wire.next();
      if (field == 1) {
        Wire attributes = new Wire(wire.message());
        while (attributes.more()) {
          if (attributes.next() == 1) {
            keyValue(attributes.message(), resource);
          } else {
            attributes.skip();
          }
        }
      } else if (field == 2) {
        scopes.add(wire.message());
      } else {
        wire.skip();
      }
    }
    for (ByteBuffer scope : scopes) {
      Wire scopeSpans = new Wire(scope);
      while (scopeSpans.more()) {
        if (scopeSpans.next() == 2) {
          spans.add(decodeSpan(resource, scopeSpans.message()));
        } else {
          scopeSpans.skip();
        }
      }
    }
  }

  /** {@code Span}: 1 trace_id, 5 name, 6 kind, 9 attributes. */
  private static Span decodeSpan(Map<String, Object> resource, ByteBuffer span) {
    String traceId = null;
    String name = null;
    int kind = 0;
    Map<String, Object> attributes = new HashMap<>();
    Wire wire = new Wire(span);
    while (wire.more()) {
      switch (wire.next()) {
        case 1 -> traceId = HexFormat.of().formatHex(bytes(wire.message()));
        case 5 -> name = StandardCharsets.UTF_8.decode(wire.message()).toString();
        case 6 -> kind = (int) wire.varint();
        case 9 -> keyValue(wire.message(), attributes);
        default -> wire.skip();
      }
    }
    return new Span(Map.copyOf(resource), traceId, name, kind, Map.copyOf(attributes));
  }

  /** {@code KeyValue}: 1 key, 2 value ({@code AnyValue}: 1 string, 2 bool, 3 int). */
  private static void keyValue(ByteBuffer keyValue, Map<String, Object> into) {
    String key = null;
    Object value = null;
    Wire wire = new Wire(keyValue);
    while (wire.more()) {
      int field = wire.next();
      if (field == 1) {
        key = StandardCharsets.UTF_8.decode(wire.message()).toString();
      } else if (field == 2) {
        Wire any = new Wire(wire.message());
        while (any.more()) {
          switch (any.next()) {
            case 1 -> value = StandardCharsets.UTF_8.decode(any.message()).toString();
            case 2 -> value = any.varint() != 0;
            case 3 -> value = any.varint();
            default -> any.skip();
          }
        }
      } else {
        wire.skip();
      }
    }
    if (key != null && value != null) {
      into.put(key, value);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** The protobuf wire format: tags, varints, length-delimited fields, fixed widths. */
  private static final class Wire {
    private final ByteBuffer buffer;
    private int type;

    Wire(ByteBuffer buffer) {
      this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean more() {
      return buffer.hasRemaining();
    }

    /** Reads a tag; returns its field number. */
    int next() {
      long tag = varint();
      type = (int) (tag & 7);
      return (int) (tag >>> 3);
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buffer.get();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    ByteBuffer message() {
      if (type != 2) {
        throw new IllegalArgumentException("not a length-delimited field: wire type " + type);
      }
      int length = (int) varint();
      ByteBuffer field = buffer.slice(buffer.position(), length);
      buffer.position(buffer.position() + length);
      return field;
    }

    void skip() {
      switch (type) {
        case 0 -> varint();
        case 1 -> buffer.position(buffer.position() + 8);
        case 2 -> message();
        case 5 -> buffer.position(buffer.position() + 4);
        default -> throw new IllegalArgumentException("unknown wire type " + type);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
