package io.hotswap.catalogue;

import java.util.List;

/**
 * What the differential compares of one HTTP answer: status, content type, body and the cookies it
 * sets, after normalizing what is legitimately random. Immutable.
 *
 * @param status the status code
 * @param contentType the {@code content-type} header, or null
 * @param body the body as text
 * @param setCookies the {@code set-cookie} headers, in order
 */
public record Answer(int status, String contentType, String body, List<String> setCookies) {

  /** Compact copy. */
  public Answer {
    setCookies = List.copyOf(setCookies);
  }
}
