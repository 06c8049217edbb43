package io.hotswap.cluster.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Sends authenticated commands to the nodes of the roll group and checks their authenticated
 * replies. A command fails with {@link CommandRefusedException} when the node refused it, with
 * {@link NodeLeftException} when the node left the cluster or did not answer in time, and with the
 * node's own message otherwise.
 *
 * <p>Thread-safe.
 */
final class NodeClient {
  private final Vertx vertx;
  private final String self;
  private final String group;
  private final Authenticator authenticator;
  private final Duration commandTimeout;
  private final Duration stepTimeout;

  /**
   * @param commandTimeout bound on a command that is not a reload (describe, a batch of entries)
   * @param stepTimeout bound on a reload step (activate, prepare, commit, abort)
   */
  NodeClient(
      Vertx vertx,
      String self,
      String group,
      Authenticator authenticator,
      Duration commandTimeout,
      Duration stepTimeout) {
    this.vertx = vertx;
    this.self = self;
    this.group = group;
    this.authenticator = authenticator;
    this.commandTimeout = commandTimeout;
    this.stepTimeout = stepTimeout;
  }

  /** The event-bus address of node {@code nodeId} in roll group {@code group}. */
  static String address(String group, String nodeId) {
    return "hotswap.cluster." + group + ".node." + nodeId;
  }

  /** This node's id. */
  String self() {
    return self;
  }

  /** Sends a command that is not a reload, bounded by the command timeout. */
  Future<JsonObject> command(String nodeId, String op, JsonObject fields, MembershipWatch watch) {
    return send(nodeId, op, fields, Buffer.buffer(), commandTimeout, watch);
  }

  /** Sends a command with a binary payload, bounded by the command timeout. */
  Future<JsonObject> command(
      String nodeId, String op, JsonObject fields, Buffer payload, MembershipWatch watch) {
    return send(nodeId, op, fields, payload, commandTimeout, watch);
  }

  /** Sends a reload step, bounded by the step timeout. */
  Future<JsonObject> step(String nodeId, String op, JsonObject fields, MembershipWatch watch) {
    return send(nodeId, op, fields, Buffer.buffer(), stepTimeout, watch);
  }

  /**
   * Sends {@code op} to {@code nodeId} and completes with the body of its reply; fails early when
   * {@code watch} (if not null) sees the node leave.
   */
  private Future<JsonObject> send(
      String nodeId,
      String op,
      JsonObject fields,
      Buffer payload,
      Duration timeout,
      MembershipWatch watch) {
    // The authentication fields last, so that no caller's field can replace them.
    JsonObject header = fields.copy().mergeIn(authenticator.header(op, self, nodeId));
    String nonce = header.getString("nonce");
    Authenticator.Signed signed = authenticator.sign(new Envelope(header, payload));
    Future<JsonObject> reply =
        vertx
            .eventBus()
            .<Buffer>request(
                address(group, nodeId),
                signed.bytes(),
                signed.options().setSendTimeout(timeout.toMillis()))
            .map(
                message -> {
                  Envelope envelope =
                      authenticator.open(
                          message.body(), message.headers().get(Authenticator.MAC_HEADER), self);
                  JsonObject replied = envelope.header();
                  if (!nonce.equals(replied.getString("inReplyTo"))
                      || !nodeId.equals(replied.getString("from"))) {
                    throw new CommandRefusedException(
                        "refused: a reply to another command or from another node");
                  }
                  JsonObject body = replied.getJsonObject("body", new JsonObject());
                  String error = body.getString("commandFailed");
                  if (error != null) {
                    throw new NodeFailureException(error);
                  }
                  return body;
                })
            .recover(failure -> Future.failedFuture(translate(failure, nodeId, op, timeout)));
    if (watch == null) {
      return reply;
    }
    // The first of the reply and the node's departure decides (Future.any would wait for a
    // failed reply's rival forever).
    Promise<JsonObject> first = Promise.promise();
    reply.onComplete(
        done -> {
          if (done.succeeded()) {
            first.tryComplete(done.result());
          } else {
            first.tryFail(done.cause());
          }
        });
    watch
        .left(nodeId)
        .onSuccess(gone -> first.tryFail(new NodeLeftException("left the cluster during " + op)));
    return first.future();
  }

  private static Throwable translate(
      Throwable failure, String nodeId, String op, Duration timeout) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new NodeLeftException(
            "no answer to " + op + " within " + timeout.toMillis() + " ms");
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new NotInGroupException("no hotswap node of this group listens at " + nodeId);
      }
      if (reply.failureCode() == CommandRefusedException.FAILURE_CODE) {
        return new CommandRefusedException(reply.getMessage());
      }
      return new IllegalStateException(reply.getMessage(), null);
    }
    return failure;
  }
}
