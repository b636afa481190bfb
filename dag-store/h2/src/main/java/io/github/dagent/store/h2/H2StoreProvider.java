package io.github.dagent.store.h2;

import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStoreProvider;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.jdbc.JdbcStores;

/**
 * Serves {@code jdbc:h2:file:} and {@code jdbc:h2:mem:} URLs. Registered for
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class H2StoreProvider implements DagStoreProvider {
  /** The URL prefix this plugin claims. */
  public static final String PREFIX = "jdbc:h2:";

  /** Used by {@link java.util.ServiceLoader}. */
  public H2StoreProvider() {
    // nothing to set up
  }

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  /**
   * Opens the database; for a file the directory must exist. An in-memory database lives as
   * long as the store is open (or longer if the URL says {@code DB_CLOSE_DELAY=-1}).
   *
   * @throws io.github.dagent.store.StoreException for a server URL (tcp, ssl), a missing or
   *     read-only directory, a damaged file, or a newer schema
   */
  @Override
  public DagStore open(StoreConfig config) {
    return JdbcStores.open(config, new H2Dialect());
  }
}
