package demo.app;

import io.hotswap.api.Bindings;
import io.hotswap.api.Connection;
import io.hotswap.api.ConnectionHandler;
import io.hotswap.api.Gateway;
import io.hotswap.api.GenerationEntry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;

/**
 * A WebSocket chat through the host's gateway ({@code ws://localhost:8080/chat}): the host holds
 * every connection and the {@code lobby} group, so people stay connected while this code is
 * reloaded; each line is answered by the generation active when it arrives.
 */
@GenerationEntry
public class ChatVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Bindings bindings = Bindings.of(context);
    Gateway chat = bindings.gateway("chat");
    long generation = bindings.generation();
    bindings.connections(
        "chat",
        new ConnectionHandler() {
          @Override
          public Future<?> onOpen(Connection connection) {
            chat.join(connection.id(), "lobby");
            return connection.send(
                "welcome "
                    + connection.id()
                    + ", "
                    + Greeting.VERSION
                    + " (gen-"
                    + generation
                    + ")");
          }

          @Override
          public Future<?> onText(Connection connection, String text) {
            chat.sendToGroup(
                "lobby", "[" + Greeting.VERSION + "] " + connection.id() + ": " + text);
            return null;
          }

          @Override
          public Future<?> onMessage(Connection connection, Buffer message) {
            return onText(connection, message.toString());
          }
        });
    return Future.succeededFuture();
  }
}
