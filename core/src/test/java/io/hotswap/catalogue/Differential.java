package io.hotswap.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Sends the same script of calls to the plain side and to the hotswap side, one call at a time to
 * each, and collects every difference of status, content type, body or cookies set, after
 * normalizing what is legitimately random (session ids, dates and whatever the application adds).
 *
 * <p>Not thread-safe: use it from the test thread.
 */
public final class Differential {
  private static final Pattern SESSION = Pattern.compile("vertx-web\\.session=[^;\\s]+");
  private static final Pattern HTTP_DATE =
      Pattern.compile("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

  private final UnaryOperator<String> normalizer;
  private final List<String> differences = new ArrayList<>();
  private int calls;

  /** A differential that applies {@code extra} after the default normalization. */
  public Differential(UnaryOperator<String> extra) {
    this.normalizer = text -> extra.apply(defaults(text));
  }

  private static String defaults(String text) {
    String noSession = SESSION.matcher(text).replaceAll("vertx-web.session=<id>");
    return HTTP_DATE.matcher(noSession).replaceAll("<date>");
  }

  /** Sends {@code call} to both sides; the normalized plain answer. */
  public Answer compare(Call call, AppClient plain, AppClient hotswap) {
    Answer expected = normalize(plain.send(call));
    Answer actual = normalize(hotswap.send(call));
    calls++;
    if (!expected.equals(actual)) {
      differences.add(call + "\n    plain:   " + expected + "\n    hotswap: " + actual);
    }
    return expected;
  }

  /** Records a difference found outside {@link #compare} (an event-bus reply, a socket frame). */
  public void compare(String what, String plain, String hotswap) {
    calls++;
    String expected = plain == null ? null : normalizer.apply(plain);
    String actual = hotswap == null ? null : normalizer.apply(hotswap);
    if (expected == null ? actual != null : !expected.equals(actual)) {
      differences.add(what + "\n    plain:   " + expected + "\n    hotswap: " + actual);
    }
  }

  private Answer normalize(Answer answer) {
    return new Answer(
        answer.status(),
        answer.contentType(),
        normalizer.apply(answer.body()),
        answer.setCookies().stream().map(normalizer).toList());
  }

  /** How many exchanges were compared. */
  public int calls() {
    return calls;
  }

  /** Every difference found, described. */
  public List<String> differences() {
    return List.copyOf(differences);
  }
}
