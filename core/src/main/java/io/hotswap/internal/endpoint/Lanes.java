package io.hotswap.internal.endpoint;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * The host event loops that endpoints run on, one host context per loop. Lane {@code i} is one
 * Netty event loop: every endpoint has one server or consumer per lane, and every generation
 * instance is pinned to one lane, so a request accepted on a lane is handled on the same thread.
 *
 * <p>Lane contexts are built from host code at boot, so the event-loop threads start with the
 * host's context classloader. Immutable and thread-safe.
 */
public final class Lanes {
  private final EventLoop[] loops;
  private final ContextInternal[] hostContexts;

  private Lanes(EventLoop[] loops, ContextInternal[] hostContexts) {
    this.loops = loops;
    this.hostContexts = hostContexts;
  }

  /**
   * Takes {@code requested} distinct event loops of {@code vertx} ({@code 0}: all of them).
   *
   * @throws IllegalArgumentException when more lanes are asked for than there are event loops
   */
  public static Lanes of(Vertx vertx, int requested) {
    VertxInternal internal = (VertxInternal) vertx;
    List<EventLoop> all = new ArrayList<>();
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      all.add((EventLoop) executor);
    }
    int size = requested == 0 ? all.size() : requested;
    if (size > all.size()) {
      throw new IllegalArgumentException(
          "asked for "
              + requested
              + " lanes but the Vert.x instance has "
              + all.size()
              + " event loops (VertxOptions#setEventLoopPoolSize)");
    }
    EventLoop[] loops = new EventLoop[size];
    ContextInternal[] contexts = new ContextInternal[size];
    ClassLoader hostLoader = Lanes.class.getClassLoader();
    for (int i = 0; i < size; i++) {
      loops[i] = all.get(i);
      contexts[i] =
          internal.contextBuilder().withEventLoop(loops[i]).withClassLoader(hostLoader).build();
    }
    // Start every lane's thread now, from host code: Netty starts an event-loop thread on its
    // first task, and a thread started while generation code is on the stack would inherit that
    // generation's context classloader and, on JDK 17, its access control context, which pins
    // the generation's loader for the life of the thread (docs/cleanup.md lists the patterns).
    for (EventLoop loop : loops) {
      loop.execute(() -> {});
    }
    return new Lanes(loops, contexts);
  }

  /** The number of lanes. */
  public int size() {
    return loops.length;
  }

  /** The event loop of lane {@code lane}. */
  public EventLoop loop(int lane) {
    return loops[lane];
  }

  /** The lane whose event loop is {@code loop}, or -1 when it is not one of the lanes. */
  public int indexOf(EventLoop loop) {
    for (int i = 0; i < loops.length; i++) {
      if (loops[i] == loop) {
        return i;
      }
    }
    return -1;
  }

  /** The host context of lane {@code lane}: host code running on that loop uses it. */
  public ContextInternal hostContext(int lane) {
    return hostContexts[lane];
  }

  /** Runs {@code task} on the thread of lane {@code lane} (inline if already there). */
  public void execute(int lane, Runnable task) {
    EventLoop loop = loops[lane];
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }
}
