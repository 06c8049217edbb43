package io.hotswap.internal.generation;

import io.hotswap.loader.GenerationClassLoader;
import io.hotswap.loader.Snapshot;
import io.vertx.core.Deployable;
import io.vertx.core.ThreadingModel;
import java.util.List;

/**
 * The result of loading a generation: its snapshot, its classloader with every class defined and
 * linked, and its entry points. Immutable; it holds the generation's classloader, so it lives only
 * as long as the reload that made it.
 *
 * @param snapshot the snapshot the classes came from
 * @param loader the generation classloader
 * @param warnings what the generation runs without: classes left unlinked (see {@code
 *     GenerationClassLoader#defineAll(Collection)})
 * @param files the generation's materialized resources and Vert.x file resolver
 * @param entries the entry classes to deploy, in name order
 */
record LoadedCode(
    Snapshot snapshot,
    GenerationClassLoader loader,
    GenerationFiles files,
    List<EntryPoint> entries,
    List<String> warnings) {

  /**
   * One entry class and how to deploy it.
   *
   * @param type the entry class, loaded by the generation classloader
   * @param instances how many instances; 0 means one per lane
   * @param threadingModel the threading model of its contexts
   * @param compat whether it is unmodified Vert.x code (the main verticle): its {@code vertx} is
   *     then a generation facade whose servers and consumers become bindings
   */
  record EntryPoint(
      Class<? extends Deployable> type,
      int instances,
      ThreadingModel threadingModel,
      boolean compat) {}
}
