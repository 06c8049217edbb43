package io.hotswap.catalogue;

import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * Catalogue app 5: an HTML form posted {@code application/x-www-form-urlencoded} and a {@code
 * multipart/form-data} upload of two files, through {@code BodyHandler}.
 */
class FormsIT extends CatalogueTest {
  private static final String BOUNDARY = "----catalogueBoundary7MA4YWxk";

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("forms", "app.forms.MainVerticle");
  }

  @Override
  List<Call> script() {
    String urlEncoded = "application/x-www-form-urlencoded";
    return List.of(
        Call.get("/form"),
        Call.send(HttpMethod.POST, "/form", urlEncoded, "title=Hello+world&tag=a&tag=b%26c&empty="),
        Call.send(HttpMethod.POST, "/form", urlEncoded + "; charset=UTF-8", "name=J%C3%BCrgen"),
        Call.send(
            HttpMethod.POST, "/upload", "multipart/form-data; boundary=" + BOUNDARY, multipart()),
        Call.send(HttpMethod.POST, "/form", "text/plain", "not a form"));
  }

  private static String multipart() {
    String crlf = "\r\n";
    return "--"
        + BOUNDARY
        + crlf
        + "Content-Disposition: form-data; name=\"title\""
        + crlf
        + crlf
        + "quarterly report"
        + crlf
        + "--"
        + BOUNDARY
        + crlf
        + "Content-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\""
        + crlf
        + "Content-Type: text/plain"
        + crlf
        + crlf
        + "first line"
        + crlf
        + "second line"
        + crlf
        + "--"
        + BOUNDARY
        + crlf
        + "Content-Disposition: form-data; name=\"data\"; filename=\"data.csv\""
        + crlf
        + "Content-Type: text/csv"
        + crlf
        + crlf
        + "a,b\n1,2"
        + crlf
        + "--"
        + BOUNDARY
        + "--"
        + crlf;
  }

  @Override
  String loadPath() {
    return "/form";
  }
}
