package io.hotswap.loader.cleanup;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes security providers of a retired generation's classes that its code added with {@link
 * Security#addProvider}; the provider list would otherwise hold them for the life of the JVM.
 * Public API only. Thread-safe.
 */
final class SecurityProviderCleaner implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityProviderCleaner.class);

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    for (Provider provider : Security.getProviders()) {
      if (code.owns(provider)) {
        Security.removeProvider(provider.getName());
        report.released("security provider " + provider.getName());
        LOG.info("{}: removed its security provider {}", code.label(), provider.getName());
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    for (Provider provider : Security.getProviders()) {
      if (code.owns(provider)) {
        holders.add("security provider " + provider.getName() + " is installed");
      }
    }
  }
}
