package io.github.dagent.store.jdbc;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How a plugin hands out connections: its writer policy (one writer, a pool with row locks)
 * and its reader policy. The core commits or rolls back inside the work it passes; the source
 * only chooses, guards and returns the connection. Implementations are thread-safe.
 */
public interface ConnectionSource extends AutoCloseable {
  /**
   * Runs write work on a connection with auto-commit off. Called from many threads.
   *
   * @param work the work; it commits or rolls back before returning
   * @param <T> the result
   * @return what the work returned
   * @throws SQLException from the work or from getting the connection
   */
  <T> T write(SqlWork<T> work) throws SQLException;

  /**
   * Runs read work on a connection with auto-commit off that sees one snapshot until the work
   * ends; the work ends its transaction before returning. Called from many threads.
   *
   * @param work the work
   * @param <T> the result
   * @return what the work returned
   * @throws SQLException from the work or from getting the connection
   */
  <T> T read(SqlWork<T> work) throws SQLException;

  /** A data source the migrations run through; opened before any read or write. */
  DataSource migrationDataSource();

  /** Closes every connection. Idempotent. */
  @Override
  void close();
}
