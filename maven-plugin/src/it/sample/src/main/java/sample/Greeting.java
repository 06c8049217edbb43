package sample;

/** The version string the test edits. */
final class Greeting {
  private Greeting() {}

  static String version() {
    return "v1";
  }
}
