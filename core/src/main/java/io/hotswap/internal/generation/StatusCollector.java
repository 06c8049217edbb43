package io.hotswap.internal.generation;

import io.hotswap.StatusReport;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.internal.management.JvmFigures;
import io.hotswap.internal.state.CaffeineStateStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers a {@link StatusReport}: lifecycle facts of every generation, in-flight and served counts
 * asked of each lane on its own thread, endpoint loads, recent reloads and the state store.
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
      CaffeineStateStore store) {
    List<Future<StatusReport.GenerationStatus>> statuses = new ArrayList<>();
    for (Generation generation : generations) {
      InflightLedger ledger = generation.ledger();
      if (ledger == null) {
        statuses.add(
            Future.succeededFuture(
                new StatusReport.GenerationStatus(
                    generation.info(), 0, generation.servedAtRetirement())));
      } else {
        statuses.add(
            ledger
                .count()
                .compose(
                    inFlight ->
                        ledger
                            .served()
                            .map(
                                served ->
                                    new StatusReport.GenerationStatus(
                                        generation.info(), inFlight, served))));
      }
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
}
