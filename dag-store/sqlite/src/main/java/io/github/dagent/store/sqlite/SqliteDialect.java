package io.github.dagent.store.sqlite;

import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.StoreException;
import io.github.dagent.store.jdbc.ConnectionSource;
import io.github.dagent.store.jdbc.JdbcDialect;
import io.github.dagent.store.jdbc.Statements;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * SQLite's differences: one writer connection (so no guard row lock is needed), upsert with
 * {@code ON CONFLICT}, and SQLITE_BUSY / SQLITE_LOCKED as transient errors.
 */
final class SqliteDialect implements JdbcDialect {
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;

  @Override
  public String name() {
    return "sqlite";
  }

  /**
   * The file after {@code jdbc:sqlite:} (an optional {@code file:} prefix and {@code ?options}
   * removed).
   *
   * @throws StoreException for an in-memory URL: its readers and writer would not share data
   */
  @Override
  public Optional<Path> dataFile(String url) {
    return Optional.of(path(url));
  }

  static Path path(String url) {
    String rest = url.substring(SqliteStoreProvider.PREFIX.length());
    int options = rest.indexOf('?');
    String file = options < 0 ? rest : rest.substring(0, options);
    if (file.startsWith("file:")) {
      file = file.substring("file:".length());
    }
    if (file.isBlank() || file.equals(":memory:") || url.contains("mode=memory")) {
      throw new StoreException("cannot open '" + url + "': an in-memory SQLite store is not"
          + " supported (its connections would not share data); use jdbc:sqlite:<file> or"
          + " jdbc:h2:mem:<name>", null);
    }
    return Path.of(file);
  }

  @Override
  public String migrationLocation() {
    return "classpath:io/github/dagent/store/sqlite/migration";
  }

  @Override
  public ConnectionSource open(StoreConfig config, Statements statements) throws SQLException {
    return SqliteConnections.open(config.url(), statements);
  }

  @Override
  public String upsertValueSql() {
    return "INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v";
  }

  @Override
  public Optional<String> maintenanceGuardSql() {
    return Optional.empty();
  }

  @Override
  public boolean isTransient(SQLException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        int primary = sql.getErrorCode() & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
          return true;
        }
      }
    }
    return false;
  }
}
