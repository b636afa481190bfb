package io.github.dagent.store.h2;

import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.StoreException;
import io.github.dagent.store.jdbc.ConnectionSource;
import io.github.dagent.store.jdbc.JdbcDialect;
import io.github.dagent.store.jdbc.Statements;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

/**
 * H2's differences: concurrent writers with row locks (the maintenance guard row is locked
 * with {@code FOR UPDATE}), {@code MERGE ... KEY} as upsert, and lock timeouts, deadlocks and
 * concurrent-update conflicts as transient errors.
 */
final class H2Dialect implements JdbcDialect {
  /** LOCK_TIMEOUT_1, DEADLOCK_1, CONCURRENT_UPDATE_1 of org.h2.api.ErrorCode. */
  private static final Set<Integer> TRANSIENT = Set.of(50200, 40001, 90131);
  private static final String DATA_SUFFIX = ".mv.db";

  @Override
  public String name() {
    return "h2";
  }

  /**
   * {@code jdbc:h2:mem:...} has no file; {@code jdbc:h2:file:<path>} (or a bare path) stores
   * in {@code <path>.mv.db}; server modes are refused because the agent owns its database.
   */
  @Override
  public Optional<Path> dataFile(String url) {
    String location = location(url);
    if (location.startsWith("mem:")) {
      return Optional.empty();
    }
    if (location.startsWith("tcp:") || location.startsWith("ssl:")
        || location.startsWith("zip:") || location.startsWith("split:")) {
      throw new StoreException("cannot open '" + url + "': only jdbc:h2:file:<path> and"
          + " jdbc:h2:mem:<name> are supported", null);
    }
    if (location.startsWith("file:") || location.startsWith("async:")) {
      location = location.substring(location.indexOf(':') + 1);
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    return Optional.of(Path.of(location + DATA_SUFFIX));
  }

  /** The URL between {@code jdbc:h2:} and its first option. */
  private static String location(String url) {
    String rest = url.substring(H2StoreProvider.PREFIX.length());
    int options = rest.indexOf(';');
    return options < 0 ? rest : rest.substring(0, options);
  }

  @Override
  public String migrationLocation() {
    return "classpath:io/github/dagent/store/h2/migration";
  }

  @Override
  public ConnectionSource open(StoreConfig config, Statements statements) throws SQLException {
    String database = dataFile(config.url())
        .map(file -> file.toAbsolutePath().normalize().toString())
        .orElseGet(() -> location(config.url()));
    OpenDatabases.claim(database, config.url());
    try {
      return H2Connections.open(config, statements, () -> OpenDatabases.release(database));
    } catch (SQLException | RuntimeException e) {
      OpenDatabases.release(database);
      throw e;
    }
  }

  @Override
  public String upsertValueSql() {
    return "MERGE INTO kv (k, v) KEY (k) VALUES (?, ?)";
  }

  @Override
  public Optional<String> maintenanceGuardSql() {
    return Optional.of("SELECT id FROM maintenance_guard WHERE id = 1 FOR UPDATE");
  }

  @Override
  public boolean isTransient(SQLException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException sql && TRANSIENT.contains(sql.getErrorCode())) {
        return true;
      }
    }
    return false;
  }
}
