package io.github.dagent.store.jdbc;

import io.github.dagent.store.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What differs between SQL backends. The core holds every statement that is the same
 * everywhere; a dialect holds connections, upsert, key generation, the maintenance-lock guard
 * and the classification of errors. Implementations are stateless and thread-safe.
 */
public interface JdbcDialect {
  /** A short name for logs and messages, for example {@code sqlite}. */
  String name();

  /**
   * The file the URL stores data in, checked before opening: its directory must exist and be
   * writable, and an existing file must be a readable, writable regular file.
   *
   * @param url the JDBC URL
   * @return the data file, or empty for an in-memory database
   */
  Optional<Path> dataFile(String url);

  /**
   * The Flyway location of this dialect's migrations, for example
   * {@code classpath:io/github/dagent/store/sqlite/migration}.
   */
  String migrationLocation();

  /**
   * Opens the connections.
   *
   * @param config the URL and settings
   * @param statements how the source runs its own statements (pragmas, checkpoints)
   * @return the open source
   * @throws SQLException when the database cannot be opened
   */
  ConnectionSource open(StoreConfig config, Statements statements) throws SQLException;

  /**
   * The statement that sets a key of the {@code kv(k, v)} table whatever it held; parameters
   * are the key then the value.
   */
  String upsertValueSql();

  /**
   * A statement that makes maintenance-lock checks and takes run one at a time until the
   * transaction ends (a row lock), or empty when the backend already has one writer.
   */
  Optional<String> maintenanceGuardSql();

  /**
   * Prepares an insert whose generated id {@link #generatedId} reads.
   *
   * @param connection the connection
   * @param sql the insert
   * @return the statement
   * @throws SQLException when preparing fails
   */
  default PreparedStatement prepareInsert(Connection connection, String sql)
      throws SQLException {
    return connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  /**
   * The id the last insert of a statement from {@link #prepareInsert} generated.
   *
   * @param statement the executed statement
   * @return the id
   * @throws SQLException when the driver returns no key
   */
  default long generatedId(PreparedStatement statement) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the insert returned no generated id");
      }
      return keys.getLong(1);
    }
  }

  /**
   * Whether a failed transaction may simply be run again (busy database, lock timeout,
   * serialization failure). The core retries those with a back-off and never shows them.
   *
   * @param error what the driver threw
   * @return true when a retry can succeed
   */
  boolean isTransient(SQLException error);
}
