package io.hotswap.internal.generation;

import io.hotswap.StatusReport;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.internal.endpoint.LedgerFigures;
import io.hotswap.internal.endpoint.RequestTiming;
import io.hotswap.internal.management.JvmFigures;
import io.hotswap.internal.state.CaffeineStateStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers a {@link StatusReport}: lifecycle facts of every generation, in-flight, served and failed
 * counts and request times asked of each lane on its own thread, endpoint loads, recent reloads and
 * the state store.
 *
 * <p>Stateless; thread-safe.
 */
final class StatusCollector {
  private StatusCollector() {}

  /** Everything status views show; completes once every lane answered. */
  static Future<StatusReport> collect(
      String name,
      List<Generation> generations,
      List<Endpoint> endpoints,
      ReloadLog reloadLog,
      CaffeineStateStore store,
      RequestTiming timing) {
    List<Future<StatusReport.GenerationStatus>> statuses = new ArrayList<>();
    for (Generation generation : generations) {
      InflightLedger ledger = generation.ledger();
      Future<LedgerFigures> counted =
          ledger == null
              ? Future.succeededFuture(generation.countedAtRetirement())
              : ledger.figures();
      statuses.add(counted.map(figures -> status(generation, figures, timing.on())));
    }
    List<StatusReport.EndpointStatus> endpointStatus = new ArrayList<>();
    endpoints.forEach(endpoint -> endpointStatus.add(endpoint.status()));
    return Future.all(statuses)
        .map(
            all ->
                new StatusReport(
                    name,
                    all.list(),
                    endpointStatus,
                    reloadLog.recent(),
                    reloadLog.count(),
                    store.status(),
                    JvmFigures.now()));
  }

  private static StatusReport.GenerationStatus status(
      Generation generation, LedgerFigures figures, boolean timed) {
    return new StatusReport.GenerationStatus(
        generation.info(),
        figures.inFlight(),
        figures.served(),
        figures.failed(),
        timed
            ? Optional.of(
                new StatusReport.Timing(figures.timed(), figures.timedNanos(), figures.maxNanos()))
            : Optional.empty());
  }
}
