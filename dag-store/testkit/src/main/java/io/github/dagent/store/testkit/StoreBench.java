package io.github.dagent.store.testkit;

import io.github.dagent.model.Dag;
import io.github.dagent.model.Operator;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A benchmark, not a test: single-transition commits per second and log appends per second
 * through a {@link DagStore}, next to the commit rate of a bare one-row UPDATE per transaction
 * on the same database in the same run (the physical limit of the disk and driver).
 *
 * <p>Run with the plugins on the class path:
 * {@code java -cp ... io.github.dagent.store.testkit.StoreBench <url> [<url>...]}. Each URL
 * must name a fresh database.
 */
public final class StoreBench {
  private static final long MILLIS_PER_CASE = 3_000;

  private StoreBench() {}

  /**
   * @param args JDBC URLs of fresh databases
   * @throws SQLException when the raw UPDATE loop fails
   */
  public static void main(String[] args) throws SQLException {
    System.out.printf("%-10s %16s %16s %16s%n", "store", "transitions/s", "log appends/s",
        "raw UPDATE/s");
    for (String url : args) {
      double transitions;
      double appends;
      String name;
      try (DagStore store = DagStores.open(url)) {
        name = store.description().split(" ")[0];
        transitions = transitions(store);
        appends = appends(store);
      }
      double raw = rawUpdates(url);
      System.out.printf(Locale.ROOT, "%-10s %16.0f %16.0f %16.0f%n", name, transitions, appends,
          raw);
    }
  }

  private static double transitions(DagStore store) {
    Dag dag = store.createDag(Fixtures.chain("bench", 1)).dag();
    long count = 0;
    long start = System.nanoTime();
    long end = start + MILLIS_PER_CASE * 1_000_000;
    while (System.nanoTime() < end) {
      Dag next = dag.with(count % 2 == 0 ? TaskState.RUNNING : TaskState.READY, Operator.RUN)
          .withTimes(dag.startTime().plusNanos(1), dag.endTime());
      if (!store.commit(ChangeSet.builder().dag(dag, next).build())) {
        throw new IllegalStateException("a transition lost its CAS with no rival");
      }
      dag = next;
      count++;
    }
    return rate(count, start);
  }

  private static double appends(DagStore store) {
    long subTaskId = store.createDag(Fixtures.chain("bench logs", 1)).subTasks().get(0).id();
    long count = 0;
    long start = System.nanoTime();
    long end = start + MILLIS_PER_CASE * 1_000_000;
    while (System.nanoTime() < end) {
      store.appendLog(new TaskLog(subTaskId, 1, "bench line " + count, Fixtures.CREATED));
      count++;
    }
    return rate(count, start);
  }

  /**
   * One-row UPDATE in auto-commit, on the same database with the durability settings the
   * plugin uses (SQLite: WAL and synchronous=FULL; H2: WRITE_DELAY 0).
   */
  private static double rawUpdates(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement setup = connection.createStatement()) {
      if (url.startsWith("jdbc:sqlite:")) {
        setup.execute("PRAGMA journal_mode = WAL");
        setup.execute("PRAGMA synchronous = FULL");
      } else {
        setup.execute("SET WRITE_DELAY 0");
      }
      setup.execute("CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
      setup.execute("INSERT INTO bench_raw (id, n) VALUES (1, 0)");
      connection.setAutoCommit(true);
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE bench_raw SET n = n + 1 WHERE id = 1")) {
        long count = 0;
        long start = System.nanoTime();
        long end = start + MILLIS_PER_CASE * 1_000_000;
        while (System.nanoTime() < end) {
          update.executeUpdate();
          count++;
        }
        return rate(count, start);
      }
    }
  }

  private static double rate(long count, long startNanos) {
    return count * 1e9 / (System.nanoTime() - startNanos);
  }
}
