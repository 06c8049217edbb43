package io.hotswap.internal.endpoint;

/**
 * The warm-up window of an application: while a candidate generation warms up, HTTP requests from
 * loopback that carry its one-time token ({@link HttpEndpoint#WARM_UP_HEADER}) reach the
 * candidate's binding table; every other request goes to the active table. The binding table itself
 * never changes for a warm-up: only the cutover writes it.
 *
 * <p>Thread-safe: one window at a time, opened and closed by the warm-up; endpoints read it with
 * one volatile read per request (null outside a warm-up).
 */
public final class WarmUpRoutes {
  /** An open window: the candidate's table and the token that reaches it. */
  private record Window(String token, BindingTable candidate) {}

  private volatile Window window;

  /** Opens the window: requests carrying {@code token} reach {@code candidate}. */
  public void open(String token, BindingTable candidate) {
    window = new Window(token, candidate);
  }

  /** Closes the window opened with {@code token}, if it is still the open one. */
  public void close(String token) {
    Window open = window;
    if (open != null && open.token().equals(token)) {
      window = null;
    }
  }

  /** Whether a window is open. */
  public boolean open() {
    return window != null;
  }

  /** The candidate table {@code token} reaches, or {@code null} when no window is open for it. */
  public BindingTable candidate(String token) {
    Window open = window;
    return open != null && open.token().equals(token) ? open.candidate() : null;
  }
}
