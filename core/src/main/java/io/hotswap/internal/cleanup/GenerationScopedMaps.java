package io.hotswap.internal.cleanup;

import io.hotswap.loader.cleanup.CleanupReport;
import io.hotswap.loader.cleanup.LeakPattern;
import io.hotswap.loader.cleanup.RetiredCode;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import java.util.List;
import java.util.Set;

/**
 * The shared-data local maps that libraries fill with what one version of the application compiled
 * from its own files, so that each generation must have a map of its own: vertx-web's template
 * cache ({@code CachingTemplateEngine} keeps compiled templates by file name in {@value
 * #TEMPLATE_CACHE}, host-wide; through one map version 2 would keep rendering version 1's
 * templates, and the cached templates would keep version 1's loader). The compat facade hands each
 * generation {@code <name>@gen-<n>} instead, and this pattern closes those maps when the generation
 * retires. Every other local map stays shared by all generations (sessions in {@code
 * LocalSessionStore} survive a reload).
 *
 * <p>Stateless and thread-safe.
 */
public final class GenerationScopedMaps implements LeakPattern {
  /** vertx-web's template cache. */
  public static final String TEMPLATE_CACHE = "__vertx.web.template.cache";

  private static final Set<String> SCOPED = Set.of(TEMPLATE_CACHE);

  private final Vertx host;

  GenerationScopedMaps(Vertx host) {
    this.host = host;
  }

  /** The name generation {@code label} uses for local map {@code name}. */
  public static String nameFor(String name, String label) {
    return SCOPED.contains(name) ? name + "@" + label : name;
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    for (String name : SCOPED) {
      LocalMap<Object, Object> map = host.sharedData().getLocalMap(nameFor(name, code.label()));
      boolean filled = !map.isEmpty();
      map.close();
      if (filled) {
        report.released("local map " + nameFor(name, code.label()));
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    // A closed map holds nothing; clean() closed them all.
  }
}
