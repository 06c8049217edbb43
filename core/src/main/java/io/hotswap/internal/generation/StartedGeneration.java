package io.hotswap.internal.generation;

import io.hotswap.internal.endpoint.BindingTable;
import java.util.List;

/**
 * A generation whose instances all started: its binding table, not yet published, and the hooks its
 * instances declared. Immutable.
 *
 * @param table the binding table to publish at cutover
 * @param hooks one entry per instance that declared a health check or a state hand-off
 */
record StartedGeneration(BindingTable table, List<InstanceHooks> hooks) {}
