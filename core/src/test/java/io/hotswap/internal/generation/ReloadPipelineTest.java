package io.hotswap.internal.generation;

import static io.hotswap.GenerationState.ACTIVE;
import static io.hotswap.GenerationState.CHECKING;
import static io.hotswap.GenerationState.DRAINING;
import static io.hotswap.GenerationState.FAILED;
import static io.hotswap.GenerationState.LOADING;
import static io.hotswap.GenerationState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.ReloadOutcome;
import io.hotswap.internal.endpoint.Binding;
import io.hotswap.internal.endpoint.BindingTable;
import io.hotswap.internal.spi.CutoverGate;
import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's reload pipeline with every collaborator in memory: no classloading, no Vert.x
 * deployments, no sockets. Every future completes on the calling thread.
 */
class ReloadPipelineTest {
  private final GenerationHistory history = new GenerationHistory();
  private final Map<Long, List<GenerationState>> states = new HashMap<>();
  private final List<BindingTable> written = new ArrayList<>();
  private final List<Generation> undeployed = new ArrayList<>();
  private final List<Generation> retired = new ArrayList<>();
  private final List<Generation> released = new ArrayList<>();
  private final List<Generation> started = new ArrayList<>();
  private final Cutover cutover = new Cutover(written::add);
  private Throwable loadFailure;
  private Throwable startFailure;
  private Future<Void> checkResult = Future.succeededFuture();
  private long nextId = 1;

  private final ReloadPhases phases =
      new ReloadPhases(
          new ReloadPhases.Load() {
            @Override
            public Future<LoadedCode> load(Generation generation, Snapshot snapshot) {
              return loadFailure != null
                  ? Future.failedFuture(loadFailure)
                  : Future.succeededFuture(
                      new LoadedCode(snapshot, null, null, List.of(), List.of()));
            }

            @Override
            public void started(Generation generation, LoadedCode code) {
              started.add(generation);
            }
          },
          (generation, code) -> {
            // Two deployments made, whether the start then succeeds or not.
            generation.started(List.of(generation.label() + "-a", generation.label() + "-b"), null);
            return startFailure != null
                ? Future.failedFuture(startFailure)
                : Future.succeededFuture(
                    new StartedGeneration(
                        new BindingTable(generation.id(), new Binding[0][]), List.of()));
          },
          (generation, previous, checked, code) -> checkResult,
          generation -> {
            undeployed.add(generation);
            return Future.succeededFuture();
          },
          new ReloadPhases.Retire() {
            @Override
            public void retire(Generation generation) {
              retired.add(generation);
            }

            @Override
            public void release(Generation failed) {
              released.add(failed);
            }
          });

  private final ReloadPipeline pipeline = new ReloadPipeline(phases, cutover, null);

  ReloadPipelineTest() {
    history.addListener(
        info -> states.computeIfAbsent(info.id(), id -> new ArrayList<>()).add(info.state()));
  }

  @Test
  void run_firstReload_activatesAndWritesTheTableOnce() {
    ReloadAttempt attempt = attempt(null);

    pipeline.run(attempt, snapshot("v1"));

    ReloadOutcome outcome = attempt.outcome().future().result();
    assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.ACTIVATED);
    assertThat(outcome.generation()).isEqualTo(1);
    assertThat(states.get(1L)).containsExactly(LOADING, STARTING, CHECKING, ACTIVE);
    assertThat(written).extracting(BindingTable::generation).containsExactly(1L);
    assertThat(cutover.current()).isSameAs(attempt.generation());
    assertThat(started).containsExactly(attempt.generation());
    assertThat(undeployed).isEmpty();
    assertThat(retired).isEmpty();
    assertThat(released).isEmpty();
  }

  @Test
  void run_secondReload_drainsThePreviousAndWritesOncePerCutover() {
    ReloadAttempt first = attempt(null);
    pipeline.run(first, snapshot("v1"));
    ReloadAttempt second = attempt(first.generation());

    pipeline.run(second, snapshot("v2"));

    assertThat(second.outcome().future().result().status())
        .isEqualTo(ReloadOutcome.Status.ACTIVATED);
    assertThat(second.outcome().future().result().previous()).isEqualTo(1);
    assertThat(written).extracting(BindingTable::generation).containsExactly(1L, 2L);
    assertThat(states.get(1L)).containsExactly(LOADING, STARTING, CHECKING, ACTIVE, DRAINING);
    assertThat(retired).containsExactly(first.generation());
    assertThat(cutover.current()).isSameAs(second.generation());
  }

  @Test
  void run_loadFails_endsFailedWithoutWritingTheTable() {
    ReloadAttempt active = activeGeneration();
    loadFailure = new IllegalStateException("bad class file");
    ReloadAttempt attempt = attempt(active.generation());

    pipeline.run(attempt, snapshot("broken"));

    assertFailedKeepingActive(attempt, active, "bad class file");
    assertThat(states.get(2L)).containsExactly(LOADING, FAILED);
    assertThat(started).containsExactly(active.generation());
  }

  @Test
  void run_startFails_undeploysWhatStartedAndEndsFailed() {
    ReloadAttempt active = activeGeneration();
    startFailure = new IllegalStateException("start threw");
    ReloadAttempt attempt = attempt(active.generation());

    pipeline.run(attempt, snapshot("v2"));

    assertFailedKeepingActive(attempt, active, "start threw");
    assertThat(states.get(2L)).containsExactly(LOADING, STARTING, FAILED);
    assertThat(undeployed).containsExactly(attempt.generation());
    assertThat(attempt.generation().deploymentIds()).containsExactly("gen-2-a", "gen-2-b");
  }

  @Test
  void run_checkFails_undeploysTheCandidateAndEndsFailed() {
    ReloadAttempt active = activeGeneration();
    checkResult = Future.failedFuture(new IllegalStateException("health check failed"));
    ReloadAttempt attempt = attempt(active.generation());

    pipeline.run(attempt, snapshot("v2"));

    assertFailedKeepingActive(attempt, active, "health check failed");
    assertThat(states.get(2L)).containsExactly(LOADING, STARTING, CHECKING, FAILED);
    assertThat(undeployed).containsExactly(attempt.generation());
  }

  @Test
  void run_heldGateAborted_undeploysTheCheckedCandidateAndEndsFailed() {
    ReloadAttempt active = activeGeneration();
    CutoverGate gate = new CutoverGate();
    ReloadAttempt attempt = attempt(active.generation(), gate);

    pipeline.run(attempt, snapshot("v2"));

    assertThat(gate.ready().result().generation()).isEqualTo(2);
    assertThat(attempt.generation().state()).isEqualTo(CHECKING);
    assertThat(attempt.outcome().future().isComplete()).as("held").isFalse();
    assertThat(written).hasSize(1);

    gate.abort("another node failed");

    assertFailedKeepingActive(attempt, active, "another node failed");
    assertThat(states.get(2L)).containsExactly(LOADING, STARTING, CHECKING, FAILED);
    assertThat(undeployed).containsExactly(attempt.generation());
  }

  @Test
  void run_heldGateCommitted_cutsOverOnceAfterTheDecision() {
    ReloadAttempt active = activeGeneration();
    CutoverGate gate = new CutoverGate();
    ReloadAttempt attempt = attempt(active.generation(), gate);
    pipeline.run(attempt, snapshot("v2"));
    assertThat(written).hasSize(1);

    gate.commit();

    assertThat(attempt.outcome().future().result().status())
        .isEqualTo(ReloadOutcome.Status.ACTIVATED);
    assertThat(written).extracting(BindingTable::generation).containsExactly(1L, 2L);
    assertThat(retired).containsExactly(active.generation());
  }

  @Test
  void fail_noSnapshot_endsTheNewGenerationFailedFromLoading() {
    ReloadAttempt attempt = attempt(null);

    pipeline.fail(attempt, new java.io.IOException("code source unreadable"));

    ReloadOutcome outcome = attempt.outcome().future().result();
    assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.FAILED);
    assertThat(states.get(1L)).containsExactly(LOADING, FAILED);
    assertThat(written).isEmpty();
    assertThat(released).containsExactly(attempt.generation());
  }

  @Test
  void closeLast_publishesTheEmptyTableAndRetiresTheActiveGeneration() {
    ReloadAttempt active = activeGeneration();

    pipeline.closeLast();

    assertThat(written).containsExactly(written.get(0), BindingTable.EMPTY);
    assertThat(cutover.current()).isNull();
    assertThat(active.generation().state()).isEqualTo(DRAINING);
    assertThat(retired).containsExactly(active.generation());
  }

  @Test
  void run_collaboratorThrows_theCallerStillGetsAnOutcome() {
    ReloadPipeline broken =
        new ReloadPipeline(
            new ReloadPhases(
                phases.load(),
                phases.start(),
                phases.check(),
                phases.stop(),
                new ReloadPhases.Retire() {
                  @Override
                  public void retire(Generation generation) {}

                  @Override
                  public void release(Generation failed) {
                    throw new IllegalStateException("release is broken");
                  }
                }),
            cutover,
            null);
    loadFailure = new IllegalStateException("bad class file");
    ReloadAttempt attempt = attempt(null);

    broken.run(attempt, snapshot("v1"));

    assertThat(attempt.outcome().future().result().status()).isEqualTo(ReloadOutcome.Status.FAILED);
  }

  private ReloadAttempt activeGeneration() {
    ReloadAttempt first = attempt(null);
    pipeline.run(first, snapshot("v1"));
    assertThat(first.generation().state()).isEqualTo(ACTIVE);
    return first;
  }

  private void assertFailedKeepingActive(
      ReloadAttempt attempt, ReloadAttempt active, String cause) {
    ReloadOutcome outcome = attempt.outcome().future().result();
    assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.FAILED);
    assertThat(outcome.previous()).isEqualTo(active.generation().id());
    assertThat(outcome.describe()).contains(active.generation().label() + " keeps serving");
    assertThat(outcome.failure())
        .hasValueSatisfying(f -> assertThat(f).hasMessageContaining(cause));
    assertThat(attempt.generation().state()).isEqualTo(FAILED);
    assertThat(attempt.generation().info())
        .extracting(GenerationInfo::failure)
        .satisfies(failure -> assertThat(failure).isPresent());
    assertThat(written)
        .as("the table is written by cutovers only")
        .extracting(BindingTable::generation)
        .containsExactly(active.generation().id());
    assertThat(cutover.current()).isSameAs(active.generation());
    assertThat(active.generation().state()).isEqualTo(ACTIVE);
    assertThat(released).containsExactly(attempt.generation());
  }

  private ReloadAttempt attempt(Generation previous) {
    return attempt(previous, null);
  }

  private ReloadAttempt attempt(Generation previous, CutoverGate gate) {
    Generation generation = history.open(nextId++, "test");
    return new ReloadAttempt(
        new ReloadRequest("test", false, null, gate),
        previous,
        generation,
        System.nanoTime(),
        Promise.promise());
  }

  private static Snapshot snapshot(String version) {
    return Snapshot.of(Map.of("version.txt", version.getBytes(StandardCharsets.UTF_8)));
  }
}
