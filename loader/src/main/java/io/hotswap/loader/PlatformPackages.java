package io.hotswap.loader;

import java.util.List;

/**
 * The platform: Vert.x, Netty, Jackson, SLF4J, OpenTelemetry and hotswap's own API — the code the
 * host runs, loaded once from the host's classpath, never from a generation. OpenTelemetry is a
 * process-wide facade like SLF4J: one {@code GlobalOpenTelemetry} and one {@code Context} class, so
 * a span the host's tracer started is the parent of the spans generation code creates. A
 * generation's code source may ship platform classes (an application fat jar, a {@code
 * lib/vertx-web.jar}); the snapshot leaves them out and records what they were ({@link
 * PlatformContent}), and a generation loader asks the host for a platform class with no fallback to
 * the code source, so a class the host lacks is a clear error instead of a second copy per reload.
 *
 * <p>Stateless and thread-safe.
 */
public final class PlatformPackages {
  /** Resource-name prefixes of platform classes and resources. */
  private static final List<String> PREFIXES =
      List.of(
          "io/vertx/",
          "io/netty/",
          "com/fasterxml/jackson/",
          "org/slf4j/",
          "io/opentelemetry/",
          "io/hotswap/api/");

  /** Maven group ids of platform artifacts (a group covers its subgroups). */
  private static final List<String> GROUPS =
      List.of("io.vertx", "io.netty", "com.fasterxml.jackson", "org.slf4j", "io.opentelemetry");

  private static final String NETTY_NATIVE = "META-INF/native/libnetty";
  private static final String VERTX_METADATA = "META-INF/vertx/";
  private static final String SERVICES = "META-INF/services/";
  private static final String VERSIONED = "META-INF/versions/";

  private PlatformPackages() {}

  /**
   * Whether the code-source entry {@code name} belongs to the platform: a class or resource of a
   * platform package (also in a multi-release jar's {@code META-INF/versions/<n>/}), a platform
   * artifact's Maven metadata, Vert.x's own metadata ({@code META-INF/vertx/vertx-version.txt}),
   * the service files of platform interfaces ({@code
   * META-INF/services/io.vertx.core.spi.JsonFactory}: the host's Vert.x looks them up), or Netty's
   * native libraries.
   */
  public static boolean isPlatformEntry(String name) {
    if (name.startsWith(VERSIONED)) {
      int end = name.indexOf('/', VERSIONED.length());
      return end > 0 && isPlatformEntry(name.substring(end + 1));
    }
    if (name.startsWith(SERVICES)) {
      return isPlatformEntry(name.substring(SERVICES.length()).replace('.', '/'));
    }
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    String group = MavenMetadata.groupOf(name);
    if (group != null) {
      return isPlatformGroup(group);
    }
    return name.startsWith(VERTX_METADATA) || name.startsWith(NETTY_NATIVE);
  }

  /** Whether the class with binary name {@code className} is a platform class. */
  public static boolean isPlatformClass(String className) {
    return isPlatformEntry(className.replace('.', '/'));
  }

  /**
   * Whether Maven group {@code groupId} is a platform group ({@code io.vertx}, {@code io.netty}…).
   */
  public static boolean isPlatformGroup(String groupId) {
    for (String group : GROUPS) {
      if (groupId.equals(group) || groupId.startsWith(group + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The platform, in words, for messages. */
  public static String describe() {
    return "Vert.x, Netty, Jackson, SLF4J, OpenTelemetry and io.hotswap.api";
  }
}
