package io.hotswap.internal.endpoint;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;

/**
 * The event-bus message handed to generation code: the host's message, counted as in flight until
 * it is replied to or failed. Reply futures are re-homed on the generation's context.
 *
 * <p>Thread-safe as far as the underlying message is; completion hops to the lane thread.
 */
final class TrackedMessage extends Exchange implements Message<Object> {
  private final Message<Object> delegate;
  private final ContextInternal generationContext;
  private final long generation;
  private volatile boolean replied;

  TrackedMessage(
      EventLoop lane,
      Message<Object> delegate,
      ContextInternal generationContext,
      long generation) {
    super(lane);
    this.delegate = delegate;
    this.generationContext = generationContext;
    this.generation = generation;
  }

  @Override
  public String address() {
    return delegate.address();
  }

  @Override
  public MultiMap headers() {
    return delegate.headers();
  }

  @Override
  public Object body() {
    return delegate.body();
  }

  @Override
  public String replyAddress() {
    return delegate.replyAddress();
  }

  @Override
  public boolean isSend() {
    return delegate.isSend();
  }

  /** Whether the sender waits for a reply. */
  boolean expectsReply() {
    return delegate.replyAddress() != null;
  }

  /** Whether generation code replied or failed the message. */
  boolean replied() {
    return replied;
  }

  @Override
  public void reply(Object message, DeliveryOptions options) {
    replied = true;
    try {
      delegate.reply(message, options);
    } finally {
      doneFromAnyThread();
    }
  }

  @Override
  public <R> Future<Message<R>> replyAndRequest(Object message, DeliveryOptions options) {
    replied = true;
    try {
      Future<Message<R>> reply = delegate.replyAndRequest(message, options);
      PromiseInternal<Message<R>> rehomed = generationContext.promise();
      reply.onComplete(rehomed);
      return rehomed.future();
    } finally {
      doneFromAnyThread();
    }
  }

  /** Counts the message as failed, hopping to the lane thread when needed. */
  void countErrorFromAnyThread() {
    if (lane().inEventLoop()) {
      countError();
    } else {
      lane().execute(this::countError);
    }
  }

  @Override
  boolean cancel() {
    if (expectsReply() && !replied) {
      replied = true;
      delegate.fail(503, "generation " + generation + " retired before it replied");
      return true;
    }
    return false;
  }
}
