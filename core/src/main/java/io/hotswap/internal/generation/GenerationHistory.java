package io.hotswap.internal.generation;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.internal.endpoint.InflightLedger;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generations the supervisor knows of (bounded: finished ones beyond the bound are forgotten),
 * and the listeners told of every lifecycle change. Released generations hold only values, so
 * keeping them pins nothing.
 *
 * <p>Thread-safe.
 */
final class GenerationHistory {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationHistory.class);
  private static final int BOUND = 64;

  private final Deque<Generation> generations = new ArrayDeque<>();
  private final List<Consumer<GenerationInfo>> listeners = new CopyOnWriteArrayList<>();

  /** Creates generation {@code id}, adds it and announces its LOADING state. */
  Generation open(long id, String trigger) {
    Generation generation = new Generation(id, trigger, this::changed);
    add(generation);
    generation.loading();
    return generation;
  }

  private void add(Generation generation) {
    synchronized (generations) {
      generations.addLast(generation);
      while (generations.size() > BOUND && generations.peekFirst().state().isFinished()) {
        generations.removeFirst();
      }
    }
  }

  /** The generations, oldest first. */
  List<Generation> all() {
    synchronized (generations) {
      return new ArrayList<>(generations);
    }
  }

  /** Value snapshots of the generations, oldest first. */
  List<GenerationInfo> infos() {
    List<GenerationInfo> infos = new ArrayList<>();
    all().forEach(generation -> infos.add(generation.info()));
    return infos;
  }

  Optional<Generation> find(long id) {
    return all().stream().filter(generation -> generation.id() == id).findFirst();
  }

  /** The latest generation before {@code id} that was ever active: a rollback's target. */
  Optional<Generation> lastActiveBefore(long id) {
    Generation found = null;
    for (Generation generation : all()) {
      if (generation.id() < id && generation.info().activatedAt().isPresent()) {
        found = generation;
      }
    }
    return Optional.ofNullable(found);
  }

  long draining() {
    return all().stream().filter(g -> g.state() == GenerationState.DRAINING).count();
  }

  /** The in-flight count of generation {@code id}; 0 when it has no ledger (any more). */
  Future<Integer> inFlight(long id) {
    InflightLedger ledger = find(id).map(Generation::ledger).orElse(null);
    return ledger == null ? Future.succeededFuture(0) : ledger.count();
  }

  void addListener(Consumer<GenerationInfo> listener) {
    listeners.add(listener);
  }

  /** Tells every listener of {@code generation}'s new state. */
  void changed(Generation generation) {
    GenerationInfo info = generation.info();
    for (Consumer<GenerationInfo> listener : listeners) {
      try {
        listener.accept(info);
      } catch (RuntimeException e) {
        LOG.warn("{}: lifecycle listener failed", generation.label(), e);
      }
    }
  }
}
