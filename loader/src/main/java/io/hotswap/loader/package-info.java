/**
 * Code sources, immutable snapshots, the generation class loader, entry-point scan, shadow report,
 * tracking of retired loaders and their process-level cleanup. Knows nothing of Vert.x.
 *
 * <p>The flow of one generation: {@link io.hotswap.loader.CodeSource#of} names where the code
 * lives; a {@link io.hotswap.loader.Snapshotter} per code source takes an immutable, content-hashed
 * {@link io.hotswap.loader.Snapshot}; a {@link io.hotswap.loader.GenerationClassLoader} defines
 * classes only from it ({@link io.hotswap.loader.GenerationClassLoader#defineAll()} fails a broken
 * build before any code runs) under a {@link io.hotswap.loader.ParentFirstPolicy}; an {@link
 * io.hotswap.loader.EntryPointScanner} finds the entry points; a {@link
 * io.hotswap.loader.ShadowReport} names snapshot classes the host also has; once the generation is
 * retired a {@link io.hotswap.loader.LoaderTracker} watches its loader until it is collected. What
 * the retired code left in the process itself (threads, {@code ThreadLocal} values, JDK registries
 * and caches) is released by the patterns of {@code io.hotswap.loader.cleanup}.
 */
package io.hotswap.loader;
