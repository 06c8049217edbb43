package io.hotswap.testing;

/**
 * Where the Vert.x threads of this JVM are, for a test that waited in vain: a request with no
 * answer says more with it. Stateless; thread-safe.
 */
public final class ThreadDump {
  private static final int FRAMES = 25;

  private ThreadDump() {}

  /** The name, state and top frames of every {@code vert.x-*} thread. */
  public static String vertxThreads() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().startsWith("vert.x-")) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (int frame = 0; frame < Math.min(stack.length, FRAMES); frame++) {
                  dump.append("    at ").append(stack[frame]).append('\n');
                }
              }
            });
    return dump.toString();
  }
}
