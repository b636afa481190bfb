package io.github.dagent.store.jdbc;

import io.github.dagent.store.StatementListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The one way the core and the plugins execute SQL, so that the {@link StatementListener} hears
 * every statement. Thread-safe (it holds only the listener).
 */
public final class Statements {
  private final StatementListener listener;

  /**
   * @param listener told of every statement before it runs
   */
  public Statements(StatementListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Runs a statement without parameters (a pragma, a DDL line, a checkpoint).
   *
   * @param connection the connection
   * @param sql the statement
   * @throws SQLException when it fails
   */
  public void execute(Connection connection, String sql) throws SQLException {
    listener.executed(sql);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Runs a query without parameters that returns one text value (for example a pragma).
   *
   * @param connection the connection
   * @param sql the query
   * @return the first column of the first row, or null without rows
   * @throws SQLException when it fails
   */
  public String queryText(Connection connection, String sql) throws SQLException {
    listener.executed(sql);
    try (Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** Tells the listener that a prepared statement is about to run. */
  void executing(PreparedStatement statement, String sql) {
    Objects.requireNonNull(statement, "statement");
    listener.executed(sql);
  }
}
