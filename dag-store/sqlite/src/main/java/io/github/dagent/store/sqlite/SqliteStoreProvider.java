package io.github.dagent.store.sqlite;

import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStoreProvider;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.jdbc.JdbcStores;

/**
 * Serves {@code jdbc:sqlite:<path to file>} URLs. Registered for {@link java.util.ServiceLoader};
 * stateless and thread-safe.
 */
public final class SqliteStoreProvider implements DagStoreProvider {
  /** The URL prefix this plugin claims. */
  public static final String PREFIX = "jdbc:sqlite:";

  /** Used by {@link java.util.ServiceLoader}. */
  public SqliteStoreProvider() {
    // nothing to set up
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  /**
   * Opens the file; the directory must exist. See the module README for the pragmas.
   *
   * @throws io.github.dagent.store.StoreException for an in-memory URL, a missing or read-only
   *     directory, a file that is not an SQLite database, or a newer schema
   */
  @Override
  public DagStore open(StoreConfig config) {
    return JdbcStores.open(config, new SqliteDialect());
  }
}
