package io.github.dagent.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The limit every write figure is compared with: a bare one-row UPDATE, one transaction each,
 * on the same database file and with the same durability settings as the store, from one
 * thread, through plain JDBC.
 */
final class RawCommits {
  private RawCommits() {}

  /**
   * Measures bare commits per second on the store's file (the store is open and idle) and
   * reports them under the backend's {@code store.commit.raw} name.
   *
   * @param run the run's settings
   * @param backend which database
   * @param url the store's URL
   * @return the figure, already reported
   * @throws Exception when the database fails
   */
  static Figure measure(BenchRun run, Backend backend, String url) throws Exception {
    Timed.Result result = rate(run, backend, url, run.window(Duration.ofSeconds(1),
        Duration.ofSeconds(5)));
    return run.report().add(backend.rawCommitFigure(), result.perSecond(), "commits/s",
        "one-row UPDATE + COMMIT, 1 thread, " + backend.label() + " file, "
            + micros(result) + " us/commit p50");
  }

  /**
   * Measures bare commits per second on the store's file without reporting them.
   *
   * @param run the run's settings
   * @param backend which database
   * @param url the store's URL
   * @param window the measured window
   * @return what the window did
   * @throws Exception when the database fails
   */
  static Timed.Result rate(BenchRun run, Backend backend, String url, Duration window)
      throws Exception {
    try (Connection connection = open(backend, url)) {
      return Timed.loop(run.window(Duration.ofMillis(300), Duration.ofSeconds(1)), window,
          op(connection));
    }
  }

  /**
   * A plain connection to the store's file with a one-row {@code bench_raw} table, not in
   * auto-commit mode.
   *
   * @throws SQLException when the database fails
   */
  static Connection open(Backend backend, String url) throws SQLException {
    Connection connection = backend.rawConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY,"
          + " v BIGINT NOT NULL)");
      statement.execute("DELETE FROM bench_raw");
      statement.execute("INSERT INTO bench_raw (id, v) VALUES (1, 0)");
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * One bare commit: the UPDATE of the one row and COMMIT. The prepared statement lives as
   * long as the connection.
   *
   * @throws SQLException when the statement cannot be prepared
   */
  static Timed.Op op(Connection connection) throws SQLException {
    PreparedStatement update =
        connection.prepareStatement("UPDATE bench_raw SET v = ? WHERE id = 1");
    return i -> {
      update.setLong(1, i);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("the bench_raw row is missing");
      }
      connection.commit();
    };
  }

  static String micros(Timed.Result result) {
    return Figure.format(result.latencies().getValueAtPercentile(50) / 1000.0);
  }
}
