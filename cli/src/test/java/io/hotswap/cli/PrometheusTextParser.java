package io.hotswap.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: Maven Central's
 * Prometheus Java libraries ({@code prometheus-metrics-exposition-textformats} and its shaded
 * {@code -formats}) only write the format, none parses it. Follows the format's specification:
 * {@code # HELP} and {@code # TYPE} lines (at most one each per family, before its samples), metric
 * and label name syntax, label values with the escapes {@code \\}, {@code \"} and {@code \n}, float
 * values ({@code NaN}, {@code +Inf}, {@code -Inf}), an optional integer timestamp, every family's
 * lines in one group, and no sample twice. Anything else is an {@link IllegalArgumentException}
 * naming the line.
 *
 * <p>Stateless; thread-safe.
 */
final class PrometheusTextParser {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
  private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private PrometheusTextParser() {}

  /** One sample: its name (with a summary's or histogram's suffix), labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** A metric family: its name, {@code TYPE} ({@code untyped} if none), {@code HELP}, samples. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  /** The families of {@code text}, in their order. */
  static Map<String, Family> parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition does not end with a line feed");
    }
    Map<String, MutableFamily> families = new LinkedHashMap<>();
    Set<String> series = new HashSet<>();
    Set<String> closed = new HashSet<>();
    String current = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + number + ": " + line;
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String name = parts[2];
          requireName(name, where);
          current = enter(families, closed, current, name, where);
          MutableFamily family = families.get(name);
          if (parts[1].equals("HELP")) {
            if (family.help != null) {
              throw new IllegalArgumentException("a second HELP, " + where);
            }
            family.help = parts.length == 4 ? unescapeHelp(parts[3], where) : "";
          } else {
            if (family.type != null) {
              throw new IllegalArgumentException("a second TYPE, " + where);
            }
            if (!family.samples.isEmpty()) {
              throw new IllegalArgumentException("TYPE after the family's samples, " + where);
            }
            if (parts.length != 4 || !TYPES.contains(parts[3])) {
              throw new IllegalArgumentException("unknown type, " + where);
            }
            family.type = parts[3];
          }
        }
        continue;
      }
      Sample sample = sample(line, where);
      String family = familyOf(families, current, sample.name());
      current = enter(families, closed, current, family, where);
      if (!series.add(sample.name() + new java.util.TreeMap<>(sample.labels()))) {
        throw new IllegalArgumentException("the same series twice, " + where);
      }
      families.get(family).samples.add(sample);
    }
    Map<String, Family> result = new LinkedHashMap<>();
    families.forEach(
        (name, family) ->
            result.put(
                name,
                new Family(
                    name,
                    family.type == null ? "untyped" : family.type,
                    family.help,
                    List.copyOf(family.samples))));
    return result;
  }

  /** The family a sample belongs to: the current one when its name is that or a suffixed one. */
  private static String familyOf(
      Map<String, MutableFamily> families, String current, String sample) {
    if (current != null) {
      String type = families.get(current).type;
      if (sample.equals(current)) {
        return current;
      }
      if (("summary".equals(type) || "histogram".equals(type))
          && (sample.equals(current + "_sum") || sample.equals(current + "_count"))) {
        return current;
      }
      if ("histogram".equals(type) && sample.equals(current + "_bucket")) {
        return current;
      }
    }
    return sample;
  }

  private static String enter(
      Map<String, MutableFamily> families,
      Set<String> closed,
      String current,
      String name,
      String where) {
    if (name.equals(current)) {
      return current;
    }
    if (closed.contains(name)) {
      throw new IllegalArgumentException("the lines of " + name + " are not one group, " + where);
    }
    if (current != null) {
      closed.add(current);
    }
    families.computeIfAbsent(name, key -> new MutableFamily());
    return name;
  }

  private static Sample sample(String line, String where) {
    int at = 0;
    while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
      at++;
    }
    String name = line.substring(0, at);
    requireName(name, where);
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(line, at + 1, labels, where);
    }
    if (at >= line.length() || line.charAt(at) != ' ') {
      throw new IllegalArgumentException("no value, " + where);
    }
    String[] rest = line.substring(at + 1).split(" ", -1);
    if (rest.length < 1 || rest.length > 2) {
      throw new IllegalArgumentException("value and timestamp expected, " + where);
    }
    double value = value(rest[0], where);
    if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
      throw new IllegalArgumentException("bad timestamp, " + where);
    }
    return new Sample(name, Map.copyOf(labels), value);
  }

  /** Reads labels after the {@code {}; returns the index after the closing {@code }}. */
  private static int labels(String line, int at, Map<String, String> labels, String where) {
    while (true) {
      if (at < line.length() && line.charAt(at) == '}') {
        return at + 1;
      }
      int equals = line.indexOf('=', at);
      if (equals < 0) {
        throw new IllegalArgumentException("a label without '=', " + where);
      }
      String label = line.substring(at, equals);
      if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
        throw new IllegalArgumentException("bad label name '" + label + "', " + where);
      }
      if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        throw new IllegalArgumentException("a label value without quotes, " + where);
      }
      StringBuilder value = new StringBuilder();
      int i = equals + 2;
      for (; ; i++) {
        if (i >= line.length()) {
          throw new IllegalArgumentException("an unterminated label value, " + where);
        }
        char c = line.charAt(i);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
          switch (next) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new IllegalArgumentException("a bad escape, " + where);
          }
          i++;
        } else {
          value.append(c);
        }
      }
      if (labels.put(label, value.toString()) != null) {
        throw new IllegalArgumentException("label " + label + " twice, " + where);
      }
      at = i + 1;
      if (at < line.length() && line.charAt(at) == ',') {
        at++;
      } else if (at >= line.length() || line.charAt(at) != '}') {
        throw new IllegalArgumentException("',' or '}' expected after a label, " + where);
      }
    }
  }

  private static double value(String text, String where) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!FLOAT.matcher(text).matches()) {
          throw new IllegalArgumentException("bad value '" + text + "', " + where);
        }
        return Double.parseDouble(text);
    }
  }

  private static void requireName(String name, String where) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad metric name '" + name + "', " + where);
    }
  }

  private static String unescapeHelp(String help, String where) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        char next = i + 1 < help.length() ? help.charAt(i + 1) : 0;
        switch (next) {
          case '\\' -> out.append('\\');
          case 'n' -> out.append('\n');
          default -> throw new IllegalArgumentException("a bad escape in HELP, " + where);
        }
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static final class MutableFamily {
    String type;
    String help;
    final List<Sample> samples = new ArrayList<>();
  }
}
