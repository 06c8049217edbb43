package io.hotswap.cluster.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hotswap.GenerationInfo;
import io.hotswap.ReloadOutcome;
import io.hotswap.internal.spi.CutoverGate;
import io.hotswap.internal.spi.LocalNode;
import io.hotswap.management.StatusJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's side of the cluster protocol: the consumer on this node's address that answers {@code
 * describe}, receives shipped snapshots ({@code stage}, {@code blobs}, {@code assemble}) and runs
 * the reload steps a roll asks for ({@code activate}, {@code prepare}, {@code commit}, {@code
 * abort}). Every message is checked by the {@link Authenticator} first; a refusal is answered with
 * failure code {@link CommandRefusedException#FAILURE_CODE}, logged, and shown in status.
 *
 * <p>Design notes: handlers run on the consumer's event-loop context; hashing and assembling run on
 * worker threads (a staging is locked while they use it); reload outcomes complete on the
 * supervisor's context, hence the concurrent map of held candidates. Errors are answered as signed
 * replies with an {@code error} field; only messages that fail authentication get an unsigned
 * failure. A held two-phase candidate is aborted by itself if no decision comes within the step
 * timeout (the node that ran the roll may have died).
 *
 * <p>Thread-safe in that sense: only the event bus calls it.
 */
final class NodeAgent {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  private final Vertx vertx;
  private final String nodeId;
  private final Authenticator authenticator;
  private final LocalNode local;
  private final EntryDigests digests;
  private final Duration holdTimeout;
  private final Cache<String, SnapshotStaging> stagings =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(8).build();
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private volatile String lastRoll = "";
  private volatile String lastRefusal = "";
  private MessageConsumer<Buffer> consumer;

  NodeAgent(
      Vertx vertx,
      String nodeId,
      Authenticator authenticator,
      LocalNode local,
      EntryDigests digests,
      Duration holdTimeout) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.authenticator = authenticator;
    this.local = local;
    this.digests = digests;
    this.holdTimeout = holdTimeout;
  }

  /** Registers the consumer on {@code address} cluster-wide. */
  Future<Void> start(String address) {
    consumer = vertx.eventBus().consumer(address, this::handle);
    return consumer.completion();
  }

  /** Aborts every held candidate and unregisters the consumer. */
  Future<Void> stop() {
    held.values().forEach(candidate -> candidate.gate().abort("the node is stopping"));
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** What {@code describe} answers, also used for this node's own line in status. */
  JsonObject describe() {
    Optional<GenerationInfo> active = local.active();
    JsonObject ports = new JsonObject();
    local.httpPorts().forEach(ports::put);
    return new JsonObject()
        .put("nodeId", nodeId)
        .put("name", local.name())
        .put("generation", active.map(GenerationInfo::id).orElse(0L))
        .put("snapshotId", active.map(GenerationInfo::snapshotId).orElse(""))
        .put("state", active.map(info -> info.state().name()).orElse("NONE"))
        .put("httpPorts", ports)
        .put("lastRoll", lastRoll)
        .put("lastRefusal", lastRefusal);
  }

  private void handle(Message<Buffer> message) {
    Envelope command;
    try {
      command =
          authenticator.open(
              message.body(), message.headers().get(Authenticator.MAC_HEADER), nodeId);
    } catch (RuntimeException refused) {
      // Unsigned on purpose: the sender may not hold our key. A forged refusal can only stop a
      // roll, which anyone on the event bus could do anyway (docs/cluster.md, security).
      String reason =
          refused instanceof CommandRefusedException
              ? refused.getMessage()
              : "refused: malformed message: " + refused;
      lastRefusal = reason;
      LOG.warn("{}: {}", local.name(), reason);
      message.fail(CommandRefusedException.FAILURE_CODE, reason);
      return;
    }
    JsonObject header = command.header();
    String roll = header.getString("roll", "");
    Future<JsonObject> answer;
    try {
      answer =
          switch (command.op()) {
            case "describe" -> Future.succeededFuture(describe());
            case "stage" -> stage(roll, header);
            case "blobs" -> blobs(roll, header, command.payload());
            case "assemble" -> assemble(roll);
            case "activate" -> activate(roll, header.getString("snapshot", ""));
            case "prepare" -> prepare(roll, header.getString("snapshot", ""));
            case "commit" -> decide(roll, null);
            case "abort" -> decide(roll, header.getString("reason", "aborted"));
            default -> Future.failedFuture("unknown operation '" + command.op() + "'");
          };
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(
        done -> {
          JsonObject body;
          if (done.succeeded()) {
            body = done.result();
          } else {
            String reason = String.valueOf(done.cause().getMessage());
            LOG.warn("{}: {} for roll {} failed: {}", local.name(), command.op(), roll, reason);
            body = new JsonObject().put("commandFailed", reason);
          }
          // Errors are signed answers too, so the roll can trust them.
          Envelope reply =
              new Envelope(
                  authenticator
                      .header("reply", nodeId, header.getString("from"))
                      .put("inReplyTo", header.getString("nonce"))
                      .put("body", body));
          Authenticator.Signed signed = authenticator.sign(reply);
          message.reply(signed.bytes(), signed.options());
        });
  }

  private Future<JsonObject> stage(String roll, JsonObject header) {
    SnapshotManifest manifest = SnapshotManifest.fromJson(header.getJsonObject("manifest"));
    return vertx
        .executeBlocking(() -> new SnapshotStaging(manifest, local.keptSnapshots(), digests))
        .map(
            staging -> {
              stagings.put(roll, staging);
              JsonArray missing = new JsonArray();
              staging.missing().forEach(missing::add);
              LOG.info(
                  "{}: roll {}: snapshot {} has {} entries, {} already here, {} to receive",
                  local.name(),
                  roll,
                  manifest.id().shortId(),
                  manifest.entries().size(),
                  manifest.entries().size() - staging.missing().size(),
                  staging.missing().size());
              return new JsonObject().put("missing", missing);
            });
  }

  private Future<JsonObject> blobs(String roll, JsonObject header, Buffer payload) {
    SnapshotStaging staging = staging(roll);
    JsonArray hashes = header.getJsonArray("hashes");
    JsonArray sizes = header.getJsonArray("sizes");
    if (hashes == null || sizes == null || hashes.size() != sizes.size()) {
      throw new IllegalArgumentException("a batch needs as many sizes as hashes");
    }
    // Hashing up to a batch of class files: off the event loop.
    return vertx.executeBlocking(
        () -> {
          synchronized (staging) {
            int offset = 0;
            for (int i = 0; i < hashes.size(); i++) {
              int size = sizes.getInteger(i);
              if (size < 0 || offset + size > payload.length()) {
                throw new IllegalArgumentException("batch sizes do not match its payload");
              }
              staging.accept(hashes.getString(i), payload.getBytes(offset, offset + size));
              offset += size;
            }
            return new JsonObject().put("remaining", staging.missing().size());
          }
        });
  }

  private Future<JsonObject> assemble(String roll) {
    SnapshotStaging staging = staging(roll);
    return vertx
        .executeBlocking(
            () -> {
              synchronized (staging) {
                return staging.assemble();
              }
            })
        .map(
            snapshot -> {
              local.keep(snapshot);
              stagings.invalidate(roll);
              LOG.info(
                  "{}: roll {}: snapshot {} received and verified ({} entries, {} B)",
                  local.name(),
                  roll,
                  snapshot.id().shortId(),
                  snapshot.size(),
                  snapshot.totalBytes());
              return new JsonObject().put("snapshotId", snapshot.id().shortId());
            });
  }

  private Future<JsonObject> activate(String roll, String snapshot) {
    // An open gate: the step reloads exactly this snapshot, never coalesced with another reload.
    return local
        .reloadThrough(snapshot, "cluster roll " + roll, CutoverGate.open())
        .map(outcome -> remember(roll, "activate", outcome));
  }

  private Future<JsonObject> prepare(String roll, String snapshot) {
    CutoverGate gate = new CutoverGate();
    Future<ReloadOutcome> outcome = local.reloadThrough(snapshot, "cluster roll " + roll, gate);
    Held holding = new Held(gate, outcome);
    held.put(roll, holding);
    outcome.onComplete(done -> held.remove(roll, holding));
    // Answer once the candidate is held, or once the reload ended (it failed before). From the
    // moment it is held, the hold is bounded: the node that runs the roll may have died.
    Promise<JsonObject> answer = Promise.promise();
    gate.ready()
        .onSuccess(
            candidate -> {
              long timer =
                  vertx.setTimer(
                      holdTimeout.toMillis(),
                      fired ->
                          gate.abort(
                              "no decision within " + holdTimeout.toMillis() + " ms of prepare"));
              outcome.onComplete(done -> vertx.cancelTimer(timer));
              answer.tryComplete(
                  new JsonObject()
                      .put("status", "PREPARED")
                      .put("generation", candidate.generation())
                      .put("snapshotId", candidate.snapshotId()));
            });
    outcome.onSuccess(done -> answer.tryComplete(remember(roll, "prepare", done)));
    return answer.future();
  }

  /** Commits ({@code reason == null}) or aborts the candidate held for {@code roll}. */
  private Future<JsonObject> decide(String roll, String reason) {
    Held candidate = held.get(roll);
    if (candidate == null) {
      return Future.failedFuture("no candidate is held for roll " + roll);
    }
    if (reason == null) {
      candidate.gate().commit();
    } else {
      candidate.gate().abort(reason);
    }
    return candidate
        .outcome()
        .map(done -> remember(roll, reason == null ? "commit" : "abort", done));
  }

  /** A two-phase candidate waiting at its gate, and the reload it belongs to. */
  private record Held(CutoverGate gate, Future<ReloadOutcome> outcome) {}

  private JsonObject remember(String roll, String step, ReloadOutcome outcome) {
    lastRoll =
        "roll "
            + roll
            + " "
            + step
            + ": "
            + outcome.status()
            + (outcome.generation() > 0 ? " gen-" + outcome.generation() : "");
    return StatusJson.of(outcome);
  }

  private SnapshotStaging staging(String roll) {
    SnapshotStaging staging = stagings.getIfPresent(roll);
    if (staging == null) {
      throw new IllegalStateException("no snapshot is being staged for roll " + roll);
    }
    return staging;
  }
}
