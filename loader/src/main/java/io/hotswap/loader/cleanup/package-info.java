/**
 * Process-level cleanup of a retired generation: one small {@link
 * io.hotswap.loader.cleanup.LeakPattern} per way its code can stay reachable from the JVM (threads,
 * shutdown hooks, {@code ThreadLocal} values, JDBC drivers, MBeans, security providers, {@code
 * java.util.logging}, JDK caches, context classloaders), composed by {@link
 * io.hotswap.loader.cleanup.ProcessPatterns}, and the {@link
 * io.hotswap.loader.cleanup.LeakInspector} that explains a loader that leaked nevertheless. Needs
 * only the JDK; patterns of host libraries (Vert.x, Jackson) live in core and run between the
 * process-level ones. See {@code docs/cleanup.md}.
 */
package io.hotswap.loader.cleanup;
