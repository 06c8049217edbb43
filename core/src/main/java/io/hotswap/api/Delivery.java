package io.hotswap.api;

/**
 * What one {@link Gateway#sendToGroup} or {@link Gateway#sendToAll} did with its message, once
 * every member's event loop took its turn: how many members it was written to, how many were
 * skipped because the host is overloaded (their event loop already had its bound of broadcasts
 * waiting, or the endpoint's bound of pending bytes was reached), and how many were closed because
 * they read too slowly (WebSocket status 1008). A value.
 *
 * @param reached members the message was written to
 * @param dropped members the message was not written to, to shed load
 * @param closed members closed as too slow instead (or, with the drop policy, skipped as too slow)
 */
public record Delivery(int reached, int dropped, int closed) {
  /** Nothing was sent: the group had no open member. */
  public static final Delivery NONE = new Delivery(0, 0, 0);

  /** How many members the message was meant for. */
  public int members() {
    return reached + dropped + closed;
  }
}
