package io.github.dagent.bench;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Operator;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagListing;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.ListDetail;
import io.github.dagent.store.StoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code store.list.sql}, {@code store.list.ms.1000}, {@code store.list.raw.ms.1000} and their
 * ratio, on one SQLite file holding 1,000 nine-stage dags; and {@code store.list.history.ms}
 * against {@code store.list.fresh.ms}: what /unfinish's listing of 10 unfinished dags costs
 * when the file also holds many finished dags, against a file holding only the 10.
 *
 * <p>The raw baseline reads the same rows (dags, nodes, sub-tasks of the unfinished dags) with
 * three hand-written queries on a plain JDBC connection to the same file and keeps every
 * column as a Java value, without building the model's records or parsing JSON.
 */
final class ListBench implements BenchGroup {
  private static final AgentAddress AGENT = new AgentAddress("127.0.0.1", 2886);
  private static final String UNFINISHED = "state <> 5 AND (state <> 4 OR maintenance_kind <> 0)";
  private static final String DAG_IDS = "SELECT id FROM dag WHERE " + UNFINISHED;
  private static final List<String> RAW_QUERIES = List.of(
      "SELECT id, name, scope, agent_ip, agent_port, stage, max_stage, state, operator,"
          + " maintenance_kind, maintenance_key, start_time, end_time, context FROM dag"
          + " WHERE " + UNFINISHED + " ORDER BY id",
      "SELECT id, dag_id, stage, name, task_type, parallel, state, operator, start_time,"
          + " end_time, context FROM node WHERE dag_id IN (" + DAG_IDS + ")"
          + " ORDER BY dag_id, stage",
      "SELECT id, node_id, dag_id, stage, name, task_type, state, operator, start_time,"
          + " end_time, execute_ip, execute_port, execute_times, capabilities, context,"
          + " additional_data FROM sub_task WHERE dag_id IN (" + DAG_IDS + ")"
          + " ORDER BY dag_id, stage, id");

  @Override
  public String name() {
    return "list";
  }

  @Override
  public List<String> figures() {
    return List.of("store.list.sql", "store.list.ms.1000", "store.list.raw.ms.1000",
        "store.list.ratio.1000", "store.list.history.ms", "store.list.fresh.ms",
        "store.list.history.ratio");
  }

  @Override
  public void run(BenchRun run) throws Exception {
    String url = Backend.SQLITE.url(run.directory("list"));
    AtomicBoolean counting = new AtomicBoolean();
    AtomicInteger statements = new AtomicInteger();
    StoreConfig config = StoreConfig.of(url).withListener(sql -> {
      if (counting.get()) {
        statements.incrementAndGet();
      }
    });
    try (DagStore store = DagStores.open(config)) {
      int[] sizes = {1, 10, 1000};
      int[] counts = new int[sizes.length];
      int made = 0;
      for (int i = 0; i < sizes.length; i++) {
        for (int d = made; d < sizes[i]; d++) {
          Fixtures.create(store, Fixtures.sequential("list " + d, 9, NoopType.NAME,
              Maintenance.NONE), AGENT);
        }
        made = sizes[i];
        statements.set(0);
        counting.set(true);
        DagListing listing = store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS);
        counting.set(false);
        check(listing, sizes[i]);
        counts[i] = statements.get();
      }
      boolean equal = Arrays.stream(counts).distinct().count() == 1;
      run.report().add("store.list.sql", Arrays.stream(counts).max().orElse(0), "statements",
          "unfinished dags with nodes, sub-tasks and logs: 1 dag " + counts[0] + ", 10 dags "
              + counts[1] + ", 1000 dags " + counts[2] + (equal ? ", equal" : ", NOT EQUAL"));
      if (!equal) {
        throw new IllegalStateException("the listing issued a number of statements that grows"
            + " with the number of dags: " + Arrays.toString(counts));
      }
      timeListing(run, store, url);
    }
    timeHistory(run);
  }

  private static void timeHistory(BenchRun run) throws Exception {
    int finished = run.pick(1_000, 10_000);
    int rounds = run.pick(5, 30);
    try (DagStore fresh = DagStores.open(Backend.SQLITE.url(run.directory("fresh")));
        DagStore history = DagStores.open(Backend.SQLITE.url(run.directory("history")))) {
      for (DagStore store : List.of(fresh, history)) {
        for (int d = 0; d < 10; d++) {
          Fixtures.create(store, Fixtures.sequential("open " + d, 9, NoopType.NAME,
              Maintenance.NONE), AGENT);
        }
      }
      for (int d = 0; d < finished; d++) {
        Dag dag = Fixtures.create(history, Fixtures.sequential("done " + d, 1, NoopType.NAME,
            Maintenance.NONE), AGENT).dag();
        history.commit(ChangeSet.builder().dag(dag, dag.with(TaskState.SUCCEED, Operator.RUN))
            .build());
      }
      DagFilter seen = DagFilter.seenBy(AGENT);
      long[] withHistory = new long[rounds];
      long[] without = new long[rounds];
      for (int i = 0; i < rounds + 3; i++) {
        long start = System.nanoTime();
        check(history.listUnfinished(seen, ListDetail.GRAPHS_WITH_LOGS), 10);
        long middle = System.nanoTime();
        check(fresh.listUnfinished(seen, ListDetail.GRAPHS_WITH_LOGS), 10);
        if (i >= 3) {
          withHistory[i - 3] = middle - start;
          without[i - 3] = System.nanoTime() - middle;
        }
      }
      String how = "median of " + rounds + ", 10 unfinished nine-stage dags with logs, as"
          + " /unfinish lists them";
      Figure busy = run.report().add("store.list.history.ms", median(withHistory) / 1e6, "ms",
          how + ", file also holding " + finished + " finished dags");
      Figure clean = run.report().add("store.list.fresh.ms", median(without) / 1e6, "ms",
          how + ", file holding only those");
      run.report().ratio("store.list.history.ratio", busy, clean,
          "listing time with finished history per listing time without");
    }
  }

  private static void timeListing(BenchRun run, DagStore store, String url) throws Exception {
    int rounds = run.pick(3, 20);
    try (Connection raw = Backend.SQLITE.rawConnection(url)) {
      raw.setAutoCommit(false);
      for (int i = 0; i < 3; i++) {
        check(store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS), 1000);
        checkRaw(readRaw(raw));
      }
      long[] listed = new long[rounds];
      long[] read = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        DagListing listing = store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS);
        listed[i] = System.nanoTime() - start;
        check(listing, 1000);
        start = System.nanoTime();
        int rows = readRaw(raw);
        read[i] = System.nanoTime() - start;
        checkRaw(rows);
      }
      String how = "median of " + rounds + ", dags + nodes + sub-tasks, 3 statements each";
      Figure store1000 = run.report().add("store.list.ms.1000", median(listed) / 1e6, "ms",
          "DagStore.listUnfinished(ALL, GRAPHS), " + how);
      Figure raw1000 = run.report().add("store.list.raw.ms.1000", median(read) / 1e6, "ms",
          "3 hand-written JDBC queries on the same file, " + how);
      run.report().ratio("store.list.ratio.1000", store1000, raw1000,
          "store listing time per raw read time");
    }
  }

  /** Reads every column of every row of the three queries; returns the number of rows. */
  private static int readRaw(Connection connection) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (String sql : RAW_QUERIES) {
      try (PreparedStatement statement = connection.prepareStatement(sql);
          ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = result.getObject(c + 1);
          }
          rows.add(row);
        }
      }
    }
    connection.commit();
    return rows.size();
  }

  private static void check(DagListing listing, int dags) {
    if (listing.graphs().size() != dags) {
      throw new IllegalStateException("listed " + listing.graphs().size() + " dags, expected "
          + dags);
    }
  }

  private static void checkRaw(int rows) {
    int expected = 1000 * (1 + 9 + 9);
    if (rows != expected) {
      throw new IllegalStateException("raw queries read " + rows + " rows, expected "
          + expected);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
