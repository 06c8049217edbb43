package app.pojo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Answers greetings: receives and replies {@link Greeting} objects through the default codec. */
public class GreeterVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    vertx.eventBus().<String>consumer("shouter", message -> message.reply(message.body() + "!"));
    return vertx.eventBus().<Greeting>consumer("greeter", message -> {
      Greeting greeting = message.body();
      greeting.setMessage("Hello, " + greeting.getName() + "!");
      greeting.setVersion(MainVerticle.VERSION);
      greeting.getTags().add("greeted");
      message.reply(greeting);
    }).completion();
  }
}
