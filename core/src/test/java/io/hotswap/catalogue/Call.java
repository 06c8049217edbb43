package io.hotswap.catalogue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request of a differential script, sent alike to the plain and the hotswap side.
 * Immutable.
 *
 * @param method the method
 * @param path the path and query
 * @param headers request headers (a client's cookie jar adds {@code cookie})
 * @param body the body, or null
 */
public record Call(HttpMethod method, String path, Map<String, String> headers, Buffer body) {

  /** A GET of {@code path}. */
  public static Call get(String path) {
    return new Call(HttpMethod.GET, path, Map.of(), null);
  }

  /** A HEAD of {@code path}. */
  public static Call head(String path) {
    return new Call(HttpMethod.HEAD, path, Map.of(), null);
  }

  /** A DELETE of {@code path}. */
  public static Call delete(String path) {
    return new Call(HttpMethod.DELETE, path, Map.of(), null);
  }

  /** A {@code method} of {@code path} with a {@code contentType} body. */
  public static Call send(HttpMethod method, String path, String contentType, String body) {
    return new Call(method, path, Map.of("content-type", contentType), Buffer.buffer(body));
  }

  /** A POST of a JSON body. */
  public static Call postJson(String path, String json) {
    return send(HttpMethod.POST, path, "application/json", json);
  }

  /** This call with one more request header. */
  public Call header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Call(method, path, Map.copyOf(more), body);
  }

  @Override
  public String toString() {
    return method + " " + path + (body == null ? "" : " (" + body.length() + " bytes)");
  }
}
