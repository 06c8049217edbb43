package demo.app;

import io.hotswap.api.Bindings;
import io.hotswap.api.GenerationEntry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * An event-bus service bound to the host's {@code greetings} endpoint (address {@code
 * demo.greetings}): request/reply with the current greeting. Senders never see the address go away
 * during a reload: the host owns the consumer.
 */
@GenerationEntry(instances = 1)
public class GreetingService extends VerticleBase {

  @Override
  public Future<?> start() {
    Bindings bindings = Bindings.of(context);
    bindings.requests(
        "greetings",
        message ->
            Future.succeededFuture(
                Greeting.to(String.valueOf(message.body()))
                    + " ("
                    + Greeting.VERSION
                    + ", gen-"
                    + bindings.generation()
                    + ")"));
    return Future.succeededFuture();
  }
}
