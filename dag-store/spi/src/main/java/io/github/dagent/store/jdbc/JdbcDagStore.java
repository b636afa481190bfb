package io.github.dagent.store.jdbc;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.MaintenanceKind;
import io.github.dagent.model.Node;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Operator;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagListing;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.ListDetail;
import io.github.dagent.store.MaintenanceLockedException;
import io.github.dagent.store.NewDag;
import io.github.dagent.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DagStore} every SQL plugin shares. Each public method is one transaction run
 * through the dialect's {@link ConnectionSource}; transient failures (busy, lock timeouts) are
 * retried with a back-off for up to about 30 s and never shown to the caller. Thread-safe.
 */
final class JdbcDagStore implements DagStore {
  /**
   * The unfinished rule of {@link Dag#isUnfinished()} on the dag table aliased {@code d}:
   * PENDING, READY or RUNNING, or FAILED holding a maintenance lock it did not cancel. Written
   * with equalities and a range so that the planner can search the (state, maintenance_kind)
   * index: a listing then reads the unfinished dags, not every dag the agent ever ran.
   */
  private static final String UNFINISHED = "(d.state IN (1, 2, 3)"
      + " OR (d.state = 4 AND d.maintenance_kind > 0 AND d.operator <> 4))";
  private static final String DAG_SELECT = "SELECT d.id, " + prefixed(Rows.DAG_COLUMNS)
      + " FROM dag d";
  private static final String NODE_SELECT = "SELECT n.id, " + prefixed("n", Rows.NODE_COLUMNS)
      + " FROM node n";
  private static final String SUB_TASK_SELECT = "SELECT s.id, "
      + prefixed("s", Rows.SUB_TASK_COLUMNS) + " FROM sub_task s";
  private static final String LOG_SELECT = "SELECT l.seq, " + prefixed("l", Rows.LOG_COLUMNS)
      + " FROM task_log l";
  private static final String INSERT_DAG = insert("dag", Rows.DAG_COLUMNS);
  private static final String INSERT_NODE = insert("node", Rows.NODE_COLUMNS);
  private static final String INSERT_SUB_TASK = insert("sub_task", Rows.SUB_TASK_COLUMNS);
  private static final String INSERT_LOG = insert("task_log", Rows.LOG_COLUMNS);
  private static final String UPDATE_DAG = cas("dag", Rows.DAG_COLUMNS);
  private static final String UPDATE_NODE = cas("node", Rows.NODE_COLUMNS);
  private static final String UPDATE_SUB_TASK = cas("sub_task", Rows.SUB_TASK_COLUMNS);
  private static final String HOLDER = "SELECT MIN(m.dag_id) FROM maintenance_lock m"
      + " JOIN dag d ON d.id = m.dag_id WHERE m.dag_id <> ? AND " + UNFINISHED;
  private static final String TENANT_CONFLICT =
      " AND (m.kind = 1 OR (m.kind = 2 AND m.lock_key = ?))";
  private static final String TAKE_LOCK = "INSERT INTO maintenance_lock (dag_id, kind, lock_key)"
      + " SELECT ?, ?, ? FROM maintenance_guard g WHERE g.id = 1 AND NOT EXISTS"
      + " (SELECT 1 FROM maintenance_lock m WHERE m.dag_id = ? AND m.kind = ?"
      + " AND m.lock_key = ?)";
  private static final String RELEASE_LOCKS = "DELETE FROM maintenance_lock WHERE dag_id = ?";
  private static final Logger LOG = LoggerFactory.getLogger(JdbcDagStore.class);
  private static final int MAX_ATTEMPTS = 600;
  private static final int WARN_AFTER_ATTEMPTS = 20;
  private static final long MAX_BACKOFF_MILLIS = 50;

  private final JdbcDialect dialect;
  private final ConnectionSource source;
  private final Statements statements;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcDagStore(JdbcDialect dialect, ConnectionSource source, Statements statements,
      String description) {
    this.dialect = dialect;
    this.source = source;
    this.statements = statements;
    this.description = description;
  }

  @Override
  public DagGraph createDag(NewDag newDag) {
    return transact("create dag '" + newDag.template().name() + "'", true,
        connection -> insertGraph(connection, newDag));
  }

  @Override
  public Optional<Dag> findDag(long dagId) {
    return transact("read dag " + dagId, false, connection -> first(query(connection,
        DAG_SELECT + " WHERE d.id = ?", ps -> ps.setLong(1, dagId), Rows::dag)));
  }

  @Override
  public Optional<DagGraph> loadDag(long dagId) {
    return transact("read dag " + dagId, false, connection -> {
      Optional<Dag> dag = first(query(connection, DAG_SELECT + " WHERE d.id = ?",
          ps -> ps.setLong(1, dagId), Rows::dag));
      if (dag.isEmpty()) {
        return Optional.empty();
      }
      List<Node> nodes = query(connection, NODE_SELECT + " WHERE n.dag_id = ? ORDER BY n.stage",
          ps -> ps.setLong(1, dagId), Rows::node);
      List<SubTask> subTasks = query(connection,
          SUB_TASK_SELECT + " WHERE s.dag_id = ? ORDER BY s.stage, s.id",
          ps -> ps.setLong(1, dagId), Rows::subTask);
      return Optional.of(new DagGraph(dag.get(), nodes, subTasks));
    });
  }

  @Override
  public Optional<Node> findNode(long nodeId) {
    return transact("read node " + nodeId, false, connection -> first(query(connection,
        NODE_SELECT + " WHERE n.id = ?", ps -> ps.setLong(1, nodeId), Rows::node)));
  }

  @Override
  public Optional<SubTask> findSubTask(long subTaskId) {
    return transact("read sub-task " + subTaskId, false, connection -> first(query(connection,
        SUB_TASK_SELECT + " WHERE s.id = ?", ps -> ps.setLong(1, subTaskId), Rows::subTask)));
  }

  /**
   * Reads in one snapshot with one statement per table whatever the number of dags: dags, then
   * nodes, sub-tasks and log lines of the same dags selected by a subquery on the same
   * condition (1, 3 or 4 statements for DAGS, GRAPHS, GRAPHS_WITH_LOGS).
   */
  @Override
  public DagListing listUnfinished(DagFilter filter, ListDetail detail) {
    String where = UNFINISHED + filterSql(filter);
    Binder bindFilter = ps -> bindFilter(ps, filter);
    String dagIds = "SELECT d.id FROM dag d WHERE " + where;
    return transact("list unfinished dags", false, connection -> {
      List<Dag> dags = query(connection, DAG_SELECT + " WHERE " + where + " ORDER BY d.id",
          bindFilter, Rows::dag);
      if (detail == ListDetail.DAGS) {
        return new DagListing(
            dags.stream().map(dag -> new DagGraph(dag, List.of(), List.of())).toList(), Map.of());
      }
      Map<Long, List<Node>> nodes = query(connection,
          NODE_SELECT + " WHERE n.dag_id IN (" + dagIds + ") ORDER BY n.dag_id, n.stage",
          bindFilter, Rows::node).stream()
          .collect(Collectors.groupingBy(Node::dagId));
      Map<Long, List<SubTask>> subTasks = query(connection,
          SUB_TASK_SELECT + " WHERE s.dag_id IN (" + dagIds + ") ORDER BY s.dag_id, s.stage,"
              + " s.id", bindFilter, Rows::subTask).stream()
          .collect(Collectors.groupingBy(SubTask::dagId));
      Map<Long, List<TaskLog>> logs = Map.of();
      if (detail == ListDetail.GRAPHS_WITH_LOGS) {
        logs = query(connection, LOG_SELECT + " WHERE l.sub_task_id IN (SELECT s.id FROM"
            + " sub_task s WHERE s.dag_id IN (" + dagIds + ")) ORDER BY l.seq", bindFilter,
            Rows::log).stream()
            .collect(Collectors.groupingBy(TaskLog::subTaskId, LinkedHashMap::new,
                Collectors.toList()));
      }
      List<DagGraph> graphs = new ArrayList<>(dags.size());
      for (Dag dag : dags) {
        graphs.add(new DagGraph(dag, nodes.getOrDefault(dag.id(), List.of()),
            subTasks.getOrDefault(dag.id(), List.of())));
      }
      return new DagListing(graphs, logs);
    });
  }

  @Override
  public List<Dag> listDags(DagFilter filter) {
    return transact("list dags", false, connection -> query(connection,
        DAG_SELECT + " WHERE 1 = 1" + filterSql(filter) + " ORDER BY d.id",
        ps -> bindFilter(ps, filter), Rows::dag));
  }

  @Override
  public Optional<Dag> lastMaintenanceDag() {
    return transact("read the last maintenance dag", false, connection -> first(query(
        connection, DAG_SELECT + " WHERE d.id = (SELECT MAX(x.id) FROM dag x"
            + " WHERE x.maintenance_kind <> 0)", ps -> { }, Rows::dag)));
  }

  @Override
  public boolean commit(ChangeSet changes) {
    if (changes.isEmpty()) {
      return true;
    }
    try {
      return transact("commit changes", true, connection -> {
        for (ChangeSet.Update<Dag> update : changes.dags()) {
          Dag expected = update.expected();
          cas(connection, UPDATE_DAG, "dag", expected.id(),
              ps -> Rows.bindDag(ps, update.updated()), expected.state(), expected.startTime());
        }
        for (ChangeSet.Update<Node> update : changes.nodes()) {
          Node expected = update.expected();
          cas(connection, UPDATE_NODE, "node", expected.id(),
              ps -> Rows.bindNode(ps, update.updated()), expected.state(),
              expected.startTime());
        }
        for (ChangeSet.Update<SubTask> update : changes.subTasks()) {
          SubTask expected = update.expected();
          cas(connection, UPDATE_SUB_TASK, "sub-task", expected.id(),
              ps -> Rows.bindSubTask(ps, update.updated()), expected.state(),
              expected.startTime());
        }
        for (TaskLog log : changes.logs()) {
          update(connection, INSERT_LOG, ps -> Rows.bindLog(ps, log));
        }
        for (long dagId : changes.locksReleased()) {
          update(connection, RELEASE_LOCKS, ps -> ps.setLong(1, dagId));
        }
        for (ChangeSet.LockTake take : changes.locksTaken()) {
          takeLock(connection, take.dagId(), take.lock());
        }
        return true;
      });
    } catch (CasLost lost) {
      return false;
    }
  }

  @Override
  public void appendLog(TaskLog log) {
    transact("append a log line of sub-task " + log.subTaskId(), true,
        connection -> update(connection, INSERT_LOG, ps -> Rows.bindLog(ps, log)));
  }

  @Override
  public List<TaskLog> logs(long subTaskId) {
    return transact("read logs of sub-task " + subTaskId, false, connection -> query(connection,
        LOG_SELECT + " WHERE l.sub_task_id = ? ORDER BY l.seq", ps -> ps.setLong(1, subTaskId),
        Rows::log));
  }

  @Override
  public Optional<Long> maintenanceHolder(Maintenance wanted) {
    if (!wanted.isHeld()) {
      return Optional.empty();
    }
    return transact("check the maintenance lock", false,
        connection -> holder(connection, wanted, -1));
  }

  @Override
  public Optional<String> readValue(String key) {
    return transact("read value '" + key + "'", false, connection -> first(query(connection,
        "SELECT v FROM kv WHERE k = ?", ps -> ps.setString(1, key), rs -> rs.getString(1))));
  }

  @Override
  public void writeValue(String key, String value) {
    transact("write value '" + key + "'", true, connection -> update(connection,
        dialect.upsertValueSql(), ps -> {
          ps.setString(1, key);
          ps.setString(2, value);
        }));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      source.close();
      LOG.info("store closed: {}", description);
    }
  }

  private DagGraph insertGraph(Connection connection, NewDag newDag) throws SQLException {
    Template template = newDag.template();
    Instant at = newDag.createdAt();
    if (template.maintenance().isHeld()) {
      guard(connection);
      Optional<Long> holder = holder(connection, template.maintenance(), -1);
      if (holder.isPresent()) {
        throw new MaintenanceLockedException(template.maintenance(), holder.get());
      }
    }
    Dag draft = new Dag(0, template.name(), template.scope(), newDag.agent(), 1,
        template.nodes().size(), TaskState.READY, Operator.RUN, template.maintenance(), at, at,
        newDag.context());
    long dagId = insert(connection, INSERT_DAG, ps -> Rows.bindDag(ps, draft));
    Dag dag = new Dag(dagId, draft.name(), draft.scope(), draft.agent(), draft.stage(),
        draft.maxStage(), draft.state(), draft.operator(), draft.maintenance(), at, at,
        draft.context());
    List<Node> nodes = new ArrayList<>();
    List<SubTask> subTasks = new ArrayList<>();
    int stage = 0;
    for (NodeTemplate nodeTemplate : template.nodes()) {
      stage++;
      Node nodeDraft = new Node(0, dagId, stage, nodeTemplate.name(), nodeTemplate.taskType(),
          nodeTemplate.parallel(), TaskState.PENDING, Operator.RUN, at, at, newDag.context());
      long nodeId = insert(connection, INSERT_NODE, ps -> Rows.bindNode(ps, nodeDraft));
      nodes.add(new Node(nodeId, dagId, stage, nodeDraft.name(), nodeDraft.taskType(),
          nodeDraft.parallel(), nodeDraft.state(), nodeDraft.operator(), at, at,
          nodeDraft.context()));
      for (SubTaskTemplate subTaskTemplate : nodeTemplate.subTasks()) {
        SubTask subDraft = new SubTask(0, nodeId, dagId, stage, subTaskTemplate.name(),
            subTaskTemplate.taskType(), TaskState.PENDING, Operator.RUN, at, at,
            newDag.executeAgentOf(subTaskTemplate), 0, subTaskTemplate.capabilities(),
            newDag.subTaskContext(subTaskTemplate), Map.of());
        long subTaskId = insert(connection, INSERT_SUB_TASK,
            ps -> Rows.bindSubTask(ps, subDraft));
        subTasks.add(new SubTask(subTaskId, nodeId, dagId, stage, subDraft.name(),
            subDraft.taskType(), subDraft.state(), subDraft.operator(), at, at,
            subDraft.executeAgent(), 0, subDraft.capabilities(), subDraft.context(),
            subDraft.additionalData()));
      }
    }
    if (template.maintenance().isHeld()) {
      insertLock(connection, dagId, template.maintenance());
    }
    return new DagGraph(dag, nodes, subTasks);
  }

  private void takeLock(Connection connection, long dagId, Maintenance lock)
      throws SQLException {
    if (!lock.isHeld()) {
      return;
    }
    guard(connection);
    Optional<Long> holder = holder(connection, lock, dagId);
    if (holder.isPresent()) {
      throw new MaintenanceLockedException(lock, holder.get());
    }
    insertLock(connection, dagId, lock);
  }

  private void insertLock(Connection connection, long dagId, Maintenance lock)
      throws SQLException {
    update(connection, TAKE_LOCK, ps -> {
      ps.setLong(1, dagId);
      ps.setInt(2, lock.kind().code());
      ps.setString(3, lock.key());
      ps.setLong(4, dagId);
      ps.setInt(5, lock.kind().code());
      ps.setString(6, lock.key());
    });
  }

  private void guard(Connection connection) throws SQLException {
    Optional<String> sql = dialect.maintenanceGuardSql();
    if (sql.isPresent()) {
      statements.execute(connection, sql.get());
    }
  }

  private Optional<Long> holder(Connection connection, Maintenance wanted, long exceptDagId)
      throws SQLException {
    boolean tenant = wanted.kind() == MaintenanceKind.TENANT;
    return first(query(connection, HOLDER + (tenant ? TENANT_CONFLICT : ""), ps -> {
      ps.setLong(1, exceptDagId);
      if (tenant) {
        ps.setString(2, wanted.key());
      }
    }, rs -> {
      long id = rs.getLong(1);
      return rs.wasNull() ? null : id;
    })).filter(id -> id != null);
  }

  private void cas(Connection connection, String sql, String table, long id, ValueBinder values,
      TaskState expectedState, Instant expectedStart) throws SQLException {
    int rows = update(connection, sql, ps -> {
      int next = values.bind(ps);
      ps.setLong(next, id);
      ps.setInt(next + 1, expectedState.code());
      ps.setLong(next + 2, Rows.nanos(expectedStart));
    });
    if (rows != 1) {
      throw new CasLost(table + " " + id);
    }
  }

  private <T> T transact(String what, boolean write, SqlWork<T> work) {
    if (closed.get()) {
      throw new StoreException("cannot " + what + ": the store at " + description
          + " is closed", null);
    }
    SqlWork<T> transaction = connection -> {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(connection, e);
        throw e;
      }
    };
    // A caller's pending interrupt must not reach the driver: H2 closes its file channel on
    // an interrupted I/O and leaves the database unusable. The flag is kept and restored.
    boolean interrupted = Thread.interrupted();
    try {
      return attempt(what, write, transaction);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <T> T attempt(String what, boolean write, SqlWork<T> transaction) {
    long backoff = 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return write ? source.write(transaction) : source.read(transaction);
      } catch (SQLException e) {
        if (!dialect.isTransient(e) || attempt >= MAX_ATTEMPTS) {
          throw new StoreException("cannot " + what + " in the store at " + description + ": "
              + e.getMessage(), e);
        }
        if (attempt == WARN_AFTER_ATTEMPTS) {
          LOG.warn("still retrying to {} in the store at {} after {} busy attempts: {}", what,
              description, attempt, e.getMessage());
        }
        pause(what, backoff, e);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  private void pause(String what, long millis, SQLException cause) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      StoreException error = new StoreException("interrupted while waiting to " + what
          + " in the store at " + description, e);
      error.addSuppressed(cause);
      throw error;
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private <T> List<T> query(Connection connection, String sql, Binder binder, Mapper<T> mapper)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      statements.executing(statement, sql);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    }
  }

  private int update(Connection connection, String sql, Binder binder) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      statements.executing(statement, sql);
      return statement.executeUpdate();
    }
  }

  private long insert(Connection connection, String sql, Binder binder) throws SQLException {
    try (PreparedStatement statement = dialect.prepareInsert(connection, sql)) {
      binder.bind(statement);
      statements.executing(statement, sql);
      statement.executeUpdate();
      return dialect.generatedId(statement);
    }
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  private static String filterSql(DagFilter filter) {
    List<String> both = new ArrayList<>();
    filter.scope().ifPresent(scope -> both.add("d.scope = ?"));
    filter.agent().ifPresent(agent -> both.add("d.agent_ip = ? AND d.agent_port = ?"));
    if (filter.orCluster()) {
      return both.isEmpty() ? "" : " AND (d.scope = ? OR (" + String.join(" AND ", both) + "))";
    }
    return both.stream().map(condition -> " AND " + condition).collect(Collectors.joining());
  }

  private static int bindFilter(PreparedStatement statement, DagFilter filter)
      throws SQLException {
    int i = 1;
    boolean narrowed = filter.scope().isPresent() || filter.agent().isPresent();
    if (filter.orCluster() && narrowed) {
      statement.setInt(i++, Scope.CLUSTER.code());
    }
    if (filter.scope().isPresent()) {
      statement.setInt(i++, filter.scope().get().code());
    }
    if (filter.agent().isPresent()) {
      statement.setString(i++, filter.agent().get().ip());
      statement.setInt(i++, filter.agent().get().port());
    }
    return i;
  }

  private static String prefixed(String columns) {
    return prefixed("d", columns);
  }

  private static String prefixed(String alias, String columns) {
    return Arrays.stream(columns.split(",\\s*")).map(c -> alias + "." + c)
        .collect(Collectors.joining(", "));
  }

  private static String insert(String table, String columns) {
    String marks = Arrays.stream(columns.split(",\\s*")).map(c -> "?")
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")";
  }

  private static String cas(String table, String columns) {
    String sets = Arrays.stream(columns.split(",\\s*")).map(c -> c + " = ?")
        .collect(Collectors.joining(", "));
    return "UPDATE " + table + " SET " + sets + " WHERE id = ? AND state = ? AND start_time = ?";
  }

  /** Binds parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Binds a row's columns from parameter 1 and returns the next free index. */
  @FunctionalInterface
  private interface ValueBinder {
    int bind(PreparedStatement statement) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  private interface Mapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** A compare-and-set found its row changed: the whole transaction rolls back. */
  private static final class CasLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CasLost(String row) {
      super(row + " changed since it was read", null, false, false);
    }
  }
}
