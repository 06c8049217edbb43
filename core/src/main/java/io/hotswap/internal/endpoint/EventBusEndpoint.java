package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.hotswap.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event-bus endpoint: one host consumer of the address per lane, registered at boot and kept for
 * the life of the host, so senders never see the address disappear during a reload (which they
 * would if each generation registered its own consumer, and {@code send} would round-robin between
 * an old and a new one). Each message is dispatched to the active generation's instance on the same
 * lane, on a duplicate of the instance's context that holds the message's context locals ({@link
 * ContextLocals}: a tracer's span of the message among them).
 *
 * <p>Like a verticle deployed with one instance per lane, a {@code publish} reaches each instance
 * once: a lane that has no instance of its own (the generation has fewer instances than lanes)
 * forwards point-to-point messages and skips published ones.
 *
 * <p>Thread-safe: dispatch runs on lane threads.
 */
public final class EventBusEndpoint implements Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(EventBusEndpoint.class);
  private static final int NO_HANDLER = 503;
  private static final int OVERLOADED = 503;

  private final Vertx vertx;
  private final EndpointSpec.EventBus spec;
  private final int index;
  private final Lanes lanes;
  private final ActiveBindings active;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final InFlightLimit limit;
  private final ContextLocals locals;

  /** Creates the endpoint; nothing is registered until {@link #open()}. */
  public EventBusEndpoint(
      Vertx vertx, EndpointSpec.EventBus spec, int index, Lanes lanes, ActiveBindings active) {
    this.vertx = vertx;
    this.spec = spec;
    this.index = index;
    this.lanes = lanes;
    this.active = active;
    this.limit = new InFlightLimit(spec.name(), spec.maxInFlight(), lanes.size());
    this.locals = new ContextLocals(vertx);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public boolean accepts(Binding.HandlerKind kind) {
    return kind == Binding.HandlerKind.MESSAGES || kind == Binding.HandlerKind.REQUESTS;
  }

  @Override
  public StatusReport.EndpointStatus status() {
    return new StatusReport.EndpointStatus(
        spec.name(),
        "event-bus",
        spec.address(),
        0,
        java.util.Optional.empty(),
        java.util.Optional.of(
            new StatusReport.InFlightStatus(limit.inFlight(), limit.max(), limit.rejected())));
  }

  @Override
  public Future<Void> open() {
    List<Future<Void>> registered = new ArrayList<>();
    for (int lane = 0; lane < lanes.size(); lane++) {
      int thisLane = lane;
      ContextInternal context = lanes.hostContext(lane);
      Promise<Void> done = context.promise();
      context.runOnContext(
          v -> {
            MessageConsumer<Object> consumer =
                vertx.eventBus().consumer(spec.address(), message -> dispatch(message, thisLane));
            synchronized (consumers) {
              consumers.add(consumer);
            }
            consumer.completion().onComplete(done);
          });
      registered.add(done.future());
    }
    return Future.all(registered)
        .<Void>mapEmpty()
        .onSuccess(
            v ->
                LOG.info(
                    "event-bus endpoint '{}' consuming '{}' ({} lanes)",
                    spec.name(),
                    spec.address(),
                    lanes.size()));
  }

  private void dispatch(Message<Object> message, int lane) {
    BindingTable table = active.current();
    Binding binding = table.binding(index, lane);
    if (binding == null) {
      if (message.replyAddress() != null) {
        message.fail(NO_HANDLER, table.unavailableReason(spec.name()));
      }
      return;
    }
    if (!binding.ownLane() && !message.isSend()) {
      return;
    }
    if (!limit.tryEnter(lane)) {
      if (message.replyAddress() != null) {
        message.fail(OVERLOADED, limit.describe());
      }
      return;
    }
    // The consumer runs on the message's delivery context: its locals (the tracer's span of the
    // message among them) go with the message to the generation.
    ContextInternal context = locals.duplicate(binding.context(), ContextInternal.current());
    TrackedMessage tracked =
        new TrackedMessage(lanes.loop(lane), message, context, binding.generation());
    tracked.countedIn(limit, lane);
    binding.ledger().lane(lane).add(tracked);
    switch (binding.kind()) {
      case MESSAGES -> {
        @SuppressWarnings("unchecked")
        Handler<Message<Object>> handler = (Handler<Message<Object>>) binding.handler();
        OnContext.emit(
            context, tracked, m -> handleMessage(handler, tracked, binding.generation()));
      }
      case REQUESTS -> {
        @SuppressWarnings("unchecked")
        Function<Message<Object>, Future<?>> handler =
            (Function<Message<Object>, Future<?>>) binding.handler();
        OnContext.emit(
            context, tracked, m -> handleRequest(handler, tracked, binding.generation()));
      }
      default -> throw new IllegalStateException("not an event-bus binding: " + binding.kind());
    }
  }

  private void handleMessage(
      Handler<Message<Object>> handler, TrackedMessage message, long generation) {
    active.dispatching(generation);
    try {
      handler.handle(message);
    } catch (Throwable failure) {
      failed(message, generation, failure);
    } finally {
      if (!message.expectsReply()) {
        message.doneFromAnyThread();
      }
    }
  }

  private void handleRequest(
      Function<Message<Object>, Future<?>> handler, TrackedMessage message, long generation) {
    active.dispatching(generation);
    Future<?> result;
    try {
      result = handler.apply(message);
    } catch (Throwable failure) {
      failed(message, generation, failure);
      message.doneFromAnyThread();
      return;
    }
    if (result == null) {
      failed(message, generation, new NullPointerException("handler returned no future"));
      message.doneFromAnyThread();
      return;
    }
    result.onComplete(
        outcome -> {
          if (message.expectsReply() && !message.replied()) {
            if (outcome.succeeded()) {
              message.reply(outcome.result());
            } else {
              message.countErrorFromAnyThread();
              message.fail(500, String.valueOf(outcome.cause().getMessage()));
            }
          }
          message.doneFromAnyThread();
        });
  }

  private void failed(TrackedMessage message, long generation, Throwable failure) {
    message.countErrorFromAnyThread();
    LOG.error(
        "gen-{}: handler of event-bus endpoint '{}' threw on a message to '{}'",
        generation,
        spec.name(),
        spec.address(),
        failure);
    if (message.expectsReply() && !message.replied()) {
      int code = failure instanceof ReplyException replyFailure ? replyFailure.failureCode() : 500;
      message.fail(code, String.valueOf(failure.getMessage()));
    }
  }

  @Override
  public Future<Void> close(Duration grace) {
    List<Future<Void>> unregistered = new ArrayList<>();
    synchronized (consumers) {
      for (MessageConsumer<Object> consumer : consumers) {
        unregistered.add(consumer.unregister());
      }
      consumers.clear();
    }
    return Future.join(unregistered).mapEmpty();
  }
}
