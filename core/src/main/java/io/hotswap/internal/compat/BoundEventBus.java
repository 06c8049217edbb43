package io.hotswap.internal.compat;

import io.hotswap.internal.endpoint.Binding.HandlerKind;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.generation.InstanceBindings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.MessageConsumerOptions;
import io.vertx.core.eventbus.impl.EventBusInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.streams.ReadStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus that unmodified code sees inside a generation: the host's bus, except that {@code
 * consumer(...)} and {@code localConsumer(...)} bind the handler to the host endpoint {@code
 * bus:<address>} (registered by the host on first use and kept), so senders never see the address
 * disappear during a reload and {@code send} never round-robins between two generations.
 *
 * <p>Codec registrations go through {@link GenerationCodecs}, so a codec name that the previous
 * generation registered can be registered again by the next one.
 *
 * <p>A proxy of {@link EventBusInternal}, so code that casts to it keeps working. Stateless apart
 * from the consumers it creates.
 */
final class BoundEventBus {
  private static final Logger LOG = LoggerFactory.getLogger(BoundEventBus.class);

  private BoundEventBus() {}

  static EventBus of(
      EventBus real, InstanceBindings bindings, EndpointRegistry registry, VertxInternal vertx) {
    Class<?> type = real instanceof EventBusInternal ? EventBusInternal.class : EventBus.class;
    return (EventBus)
        Proxy.newProxyInstance(
            EventBus.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              String name = method.getName();
              if ((name.equals("consumer") || name.equals("localConsumer")) && args != null) {
                String address =
                    args[0] instanceof MessageConsumerOptions consumerOptions
                        ? consumerOptions.getAddress()
                        : (String) args[0];
                BoundConsumer<Object> consumer =
                    new BoundConsumer<>(address, bindings, registry, vertx);
                if (args.length == 2) {
                  @SuppressWarnings("unchecked")
                  Handler<Message<Object>> handler = (Handler<Message<Object>>) args[1];
                  consumer.handler(handler);
                }
                return consumer;
              }
              if (codecCall(real, name, args)) {
                return proxy;
              }
              if (name.equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * Routes {@code registerCodec}, {@code registerDefaultCodec}, {@code unregisterCodec} and {@code
   * unregisterDefaultCodec} to {@link GenerationCodecs}; false for every other call.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean codecCall(EventBus real, String name, Object[] args) {
    if (args == null) {
      return false;
    }
    switch (name) {
      case "registerCodec" -> {
        MessageCodec<?, ?> codec = (MessageCodec<?, ?>) args[0];
        GenerationCodecs.register(real, owner(codec), codec);
      }
      case "registerDefaultCodec" -> {
        MessageCodec codec = (MessageCodec) args[1];
        GenerationCodecs.registerDefault(real, owner(codec), (Class) args[0], codec);
      }
      case "unregisterCodec" ->
          GenerationCodecs.unregister(
              real, Thread.currentThread().getContextClassLoader(), (String) args[0]);
      case "unregisterDefaultCodec" ->
          GenerationCodecs.unregisterDefault(
              real, ((Class<?>) args[0]).getClassLoader(), (Class<?>) args[0]);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The loader of the generation registering {@code codec}: the codec's own when it is a class of
   * the generation, else the context classloader of the generation's context.
   */
  private static ClassLoader owner(MessageCodec<?, ?> codec) {
    ClassLoader defining = codec.getClass().getClassLoader();
    ClassLoader host = BoundEventBus.class.getClassLoader();
    for (ClassLoader l = host; l != null; l = l.getParent()) {
      if (l == defining) {
        return Thread.currentThread().getContextClassLoader();
      }
    }
    return defining == null ? Thread.currentThread().getContextClassLoader() : defining;
  }

  /** A consumer whose handler is a binding of the generation. */
  static final class BoundConsumer<T> implements MessageConsumer<T> {
    private final String address;
    private final InstanceBindings bindings;
    private final EndpointRegistry registry;
    private final VertxInternal vertx;
    private volatile Future<Void> opened;

    BoundConsumer(
        String address, InstanceBindings bindings, EndpointRegistry registry, VertxInternal vertx) {
      this.address = address;
      this.bindings = bindings;
      this.registry = registry;
      this.vertx = vertx;
    }

    @Override
    public MessageConsumer<T> handler(Handler<Message<T>> handler) {
      if (handler == null) {
        return this;
      }
      if (opened != null) {
        throw new IllegalStateException(
            "gen-"
                + bindings.generation()
                + ": the consumer of '"
                + address
                + "' already has a handler; one handler per consumer in a hotswap generation");
      }
      EndpointRegistry.Opening opening = registry.eventBus(address);
      bindings.bindOnFirstUse(
          opening.endpoint(), HandlerKind.MESSAGES, handler, opening.opened(), "consumer()");
      opened = opening.opened();
      return this;
    }

    @Override
    public MessageConsumer<T> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public MessageConsumer<T> pause() {
      return this;
    }

    @Override
    public MessageConsumer<T> resume() {
      return this;
    }

    @Override
    public MessageConsumer<T> fetch(long amount) {
      return this;
    }

    @Override
    public MessageConsumer<T> endHandler(Handler<Void> endHandler) {
      return this;
    }

    @Override
    public ReadStream<T> bodyStream() {
      throw new UnsupportedOperationException(
          "MessageConsumer#bodyStream is not supported in a hotswap generation; use handler(...)");
    }

    @Override
    public boolean isRegistered() {
      Future<Void> bound = opened;
      return bound != null && bound.succeeded();
    }

    @Override
    public String address() {
      return address;
    }

    @Override
    public Future<Void> completion() {
      Future<Void> bound = opened;
      io.vertx.core.Promise<Void> promise = vertx.getOrCreateContext().promise();
      if (bound == null) {
        promise.fail(new IllegalStateException("the consumer of '" + address + "' has no handler"));
      } else {
        bound.onComplete(promise);
      }
      return promise.future();
    }

    @Override
    public Future<Void> unregister() {
      LOG.warn(
          "gen-{}: unregister() of the consumer of '{}' is ignored: the binding lasts until the"
              + " generation retires",
          bindings.generation(),
          address);
      return vertx.getOrCreateContext().succeededFuture();
    }
  }
}
