/**
 * The small internal interface that hotswap's own modules outside core (the cluster, the command
 * line) build on: how to reach a running instance's supervisor and snapshots, and how to hold a
 * cutover. Like Vert.x's {@code io.vertx.core.internal}, it is exported for those modules and is
 * not an API for applications: it may change in any release.
 */
package io.hotswap.internal.spi;
