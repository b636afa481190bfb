package io.github.dagent.store.jdbc;

import io.github.dagent.store.DagStore;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a {@link DagStore} over JDBC with a plugin's {@link JdbcDialect}. */
public final class JdbcStores {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

  private JdbcStores() {}

  /**
   * Checks the data file's location, opens the dialect's connections, migrates the schema
   * forward and returns the store.
   *
   * @param config the URL and settings
   * @param dialect the plugin's dialect
   * @return the open store; thread-safe
   * @throws StoreException naming the path when the directory is missing or read-only, the
   *     file is not a database of ours, or its schema is newer than this build
   */
  public static DagStore open(StoreConfig config, JdbcDialect dialect) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dialect, "dialect");
    Optional<Path> file = dialect.dataFile(config.url());
    String where = file.map(path -> path.toAbsolutePath().toString())
        .orElseGet(() -> masked(config.url()));
    file.ifPresent(path -> Locations.check(dialect.name(), path));
    Statements statements = new Statements(config.statementListener());
    ConnectionSource source;
    try {
      source = dialect.open(config, statements);
    } catch (SQLException | RuntimeException e) {
      if (e instanceof StoreException known) {
        throw known;
      }
      throw new StoreException("cannot open the " + dialect.name() + " store at " + where
          + ": " + e.getMessage() + "; if the file is damaged, restore a backup or move it away"
          + " (the store never replaces an existing file)", e);
    }
    try {
      Migrations.migrate(source.migrationDataSource(), dialect.migrationLocation(), where,
          config.statementListener());
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    String description = dialect.name() + " " + where;
    LOG.info("store opened: {}", description);
    return new JdbcDagStore(dialect, source, statements, description);
  }

  /**
   * @param url a JDBC URL
   * @return the URL with any {@code password=} value masked
   */
  public static String masked(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
