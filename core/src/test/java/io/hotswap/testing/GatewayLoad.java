package io.hotswap.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

/**
 * Request-answer rounds over many long connections (WebSocket or TCP): each round sends one message
 * on every connection and checks each answer ({@code "<version> gen-<n> <message>"}) against the
 * one message outstanding on that connection, so a lost, duplicated or misrouted answer is counted.
 * Records the lowest and highest generation that answered in the current round.
 *
 * <p>Thread-safe: answers may arrive on any client thread.
 */
public final class GatewayLoad {
  private final int connections;
  private final BiConsumer<Integer, String> sender;
  private final AtomicReferenceArray<String> outstanding;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong wrong = new AtomicLong();
  private final AtomicLong disconnects = new AtomicLong();
  private final AtomicLong roundMin = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong roundMax = new AtomicLong();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();

  /** {@code sender} sends a message on connection {@code i}. */
  public GatewayLoad(int connections, BiConsumer<Integer, String> sender) {
    this.connections = connections;
    this.sender = sender;
    this.outstanding = new AtomicReferenceArray<>(connections);
  }

  /** Sends message {@code round-i} on every connection {@code i}; returns the answers expected. */
  public long sendRound(String round) {
    roundMin.set(Long.MAX_VALUE);
    roundMax.set(0);
    for (int i = 0; i < connections; i++) {
      String message = round + "-" + i;
      if (outstanding.getAndSet(i, message) != null) {
        problem("connection " + i + " still had a message outstanding at round " + round);
      }
      sent.incrementAndGet();
      sender.accept(i, message);
    }
    return sent.get();
  }

  /** Records an answer that arrived on connection {@code i}. */
  public void answer(int i, String text) {
    String[] parts = text.split(" ", 3);
    String expected = outstanding.getAndSet(i, null);
    if (parts.length != 3 || !parts[1].startsWith("gen-") || !parts[2].equals(expected)) {
      wrong.incrementAndGet();
      problem("connection " + i + " expected '" + expected + "' and got '" + text + "'");
      return;
    }
    long generation = Long.parseLong(parts[1].substring(4));
    String version = generation % 2 == 1 ? "v1" : "v2";
    if (!parts[0].equals(version)) {
      wrong.incrementAndGet();
      problem("gen-" + generation + " answered with version " + parts[0]);
    }
    roundMin.accumulateAndGet(generation, Math::min);
    roundMax.accumulateAndGet(generation, Math::max);
    answered.incrementAndGet();
  }

  /** Counts a connection that closed while the test still used it. */
  public void disconnected(int i) {
    disconnects.incrementAndGet();
    problem("connection " + i + " closed");
  }

  private void problem(String text) {
    if (problems.size() < 20) {
      problems.add(text);
    }
  }

  public long sent() {
    return sent.get();
  }

  public long answered() {
    return answered.get();
  }

  public long wrong() {
    return wrong.get();
  }

  public long disconnects() {
    return disconnects.get();
  }

  /** The lowest generation that answered in the current round. */
  public long roundMin() {
    return roundMin.get();
  }

  /** The highest generation that answered in the current round. */
  public long roundMax() {
    return roundMax.get();
  }

  /** The first problems seen. */
  public List<String> problems() {
    return new ArrayList<>(problems);
  }
}
