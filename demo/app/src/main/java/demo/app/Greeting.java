package demo.app;

/**
 * The text the demo answers with. Edit {@link #TEMPLATE} (or {@link #VERSION}), rebuild this module
 * with {@code mvn -q -o compile -pl demo/app}, and the running demo reloads it.
 */
final class Greeting {
  /** Shown in every answer, so a reload is easy to see. */
  static final String VERSION = "v1";

  /** How the API greets; {@code %s} is the name. */
  static final String TEMPLATE = "Hello, %s!";

  private Greeting() {}

  static String to(String name) {
    return String.format(TEMPLATE, name == null || name.isBlank() ? "world" : name);
  }
}
