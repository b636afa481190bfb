package io.github.dagent.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection inside one transaction.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface SqlWork<T> {
  /**
   * @param connection a connection with auto-commit off, used by this thread only
   * @return the result
   * @throws SQLException when a statement fails
   */
  T run(Connection connection) throws SQLException;
}
