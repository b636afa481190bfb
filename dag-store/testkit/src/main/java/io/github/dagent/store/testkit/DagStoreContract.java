package io.github.dagent.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.AgentData;
import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagListing;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.ListDetail;
import io.github.dagent.store.MaintenanceLockedException;
import io.github.dagent.store.NewDag;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link DagStore} must show, run unchanged against each backend. A
 * subclass only says which URL to open; each test gets a fresh, empty database.
 */
public abstract class DagStoreContract {
  @TempDir
  Path dir;

  /** Statements recorded while {@link #recording} is set. */
  protected final List<String> recorded = Collections.synchronizedList(new ArrayList<>());
  /** Whether the listener records. */
  protected final AtomicBoolean recording = new AtomicBoolean();

  /** The store under test, opened before each test. */
  protected DagStore store;
  private String url;

  /**
   * @param dir an empty directory for this test
   * @return the JDBC URL of a fresh, empty database; opening it twice in a row (after closing)
   *     must reach the same data
   */
  protected abstract String newUrl(Path dir);

  @BeforeEach
  void openStore() {
    url = newUrl(dir);
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Opens the test's database again, with the recording listener. */
  protected DagStore open() {
    return DagStores.open(StoreConfig.of(url).withListener(sql -> {
      if (recording.get()) {
        recorded.add(sql);
      }
    }));
  }

  /** Closes the store and opens the same database again. */
  protected void reopen() {
    store.close();
    store = open();
  }

  // ---------------------------------------------------------------- create and read

  @Test
  void create_dag_writes_dag_nodes_and_sub_tasks_as_new_dag_says() {
    NewDag newDag = Fixtures.mixed();
    DagGraph graph = store.createDag(newDag);

    Dag dag = graph.dag();
    assertThat(dag.id()).isEqualTo(1);
    assertThat(dag.state()).isEqualTo(TaskState.READY);
    assertThat(dag.operator()).isEqualTo(Operator.RUN);
    assertThat(dag.stage()).isEqualTo(1);
    assertThat(dag.maxStage()).isEqualTo(3);
    assertThat(dag.startTime()).isEqualTo(Fixtures.CREATED);
    assertThat(dag.endTime()).isEqualTo(Fixtures.CREATED);
    assertThat(dag.context()).isEqualTo(newDag.context());
    assertThat(dag.agent()).isEqualTo(Fixtures.AGENT);
    assertThat(graph.nodes()).extracting(Node::id).containsExactly(1L, 2L, 3L);
    assertThat(graph.nodes()).extracting(Node::stage).containsExactly(1, 2, 3);
    assertThat(graph.nodes()).allSatisfy(node -> {
      assertThat(node.state()).isEqualTo(TaskState.PENDING);
      assertThat(node.operator()).isEqualTo(Operator.RUN);
      assertThat(node.startTime()).isEqualTo(Fixtures.CREATED);
      assertThat(node.endTime()).isEqualTo(Fixtures.CREATED);
      assertThat(node.context()).isEqualTo(newDag.context());
    });
    assertThat(graph.nodes().get(1).parallel()).isTrue();
    assertThat(graph.subTasks()).extracting(SubTask::id).containsExactly(1L, 2L, 3L, 4L);
    assertThat(graph.subTasks()).allSatisfy(subTask -> {
      assertThat(subTask.state()).isEqualTo(TaskState.PENDING);
      assertThat(subTask.operator()).isEqualTo(Operator.RUN);
      assertThat(subTask.executeTimes()).isZero();
      assertThat(subTask.additionalData()).isEmpty();
      assertThat(subTask.startTime()).isEqualTo(Fixtures.CREATED);
      assertThat(subTask.endTime()).isEqualTo(Fixtures.CREATED);
      assertThat(subTask.dagId()).isEqualTo(1L);
    });
    SubTask copyA = graph.subTasks().get(1);
    SubTask copyB = graph.subTasks().get(2);
    assertThat(copyA.nodeId()).isEqualTo(2L);
    assertThat(copyA.context().params()).containsEntry("who", "a-only")
        .containsEntry("timeout", 30);
    assertThat(copyA.executeAgent()).isEqualTo(Fixtures.AGENT);
    assertThat(copyB.executeAgent()).isEqualTo(Fixtures.OTHER_AGENT);
    assertThat(copyB.capabilities()).isEqualTo(Capabilities.NONE.withRetry(true));
    assertThat(copyB.context().params()).containsEntry("who", "test");

    assertThat(store.loadDag(1)).contains(graph);
    assertThat(store.findDag(1)).contains(dag);
    assertThat(store.findNode(2)).contains(graph.nodes().get(1));
    assertThat(store.findSubTask(3)).contains(copyB);
  }

  @Test
  void nine_stage_dag_gets_ids_one_to_nine_so_generic_ids_are_11_to_19() {
    DagGraph graph = store.createDag(Fixtures.chain("seed", 9));

    assertThat(graph.dag().genericId().toString()).isEqualTo("11");
    assertThat(graph.nodes()).extracting(node -> "1" + node.id())
        .containsExactly("11", "12", "13", "14", "15", "16", "17", "18", "19");
    assertThat(graph.subTasks()).extracting(subTask -> "1" + subTask.id())
        .containsExactly("11", "12", "13", "14", "15", "16", "17", "18", "19");
  }

  @Test
  void missing_rows_read_as_empty() {
    assertThat(store.findDag(42)).isEmpty();
    assertThat(store.loadDag(42)).isEmpty();
    assertThat(store.findNode(42)).isEmpty();
    assertThat(store.findSubTask(42)).isEmpty();
    assertThat(store.logs(42)).isEmpty();
    assertThat(store.lastMaintenanceDag()).isEmpty();
    assertThat(store.listDags(DagFilter.ALL)).isEmpty();
    assertThat(store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS).graphs())
        .isEmpty();
  }

  // ---------------------------------------------------------------- commit and CAS

  @Test
  void commit_writes_every_update_log_and_lock_in_one_go() {
    DagGraph graph = store.createDag(Fixtures.chain("run", 2));
    Instant now = Fixtures.CREATED.plusSeconds(5);
    Dag dag = graph.dag();
    Node node = graph.nodes().get(0);
    SubTask subTask = graph.subTasks().get(0);
    ChangeSet changes = ChangeSet.builder()
        .dag(dag, dag.with(TaskState.RUNNING, Operator.RUN).withTimes(now, now))
        .node(node, node.with(TaskState.RUNNING, Operator.RUN).withTimes(now, now))
        .subTask(subTask, subTask.with(TaskState.RUNNING, Operator.RUN).withTimes(now, now)
            .withExecuteTimes(1))
        .log(new TaskLog(subTask.id(), 1, "started", now))
        .build();

    assertThat(store.commit(changes)).isTrue();

    DagGraph stored = store.loadDag(dag.id()).orElseThrow();
    assertThat(stored.dag().state()).isEqualTo(TaskState.RUNNING);
    assertThat(stored.dag().startTime()).isEqualTo(now);
    assertThat(stored.nodes().get(0).state()).isEqualTo(TaskState.RUNNING);
    assertThat(stored.subTasks().get(0).executeTimes()).isEqualTo(1);
    assertThat(store.logs(subTask.id())).containsExactly(
        new TaskLog(subTask.id(), 1, "started", now));
    assertThat(store.commit(ChangeSet.builder().build())).isTrue();
  }

  @Test
  void commit_with_one_stale_update_among_several_writes_nothing() {
    DagGraph graph = store.createDag(Fixtures.chain("stale", 2));
    Node first = graph.nodes().get(0);
    Node second = graph.nodes().get(1);
    SubTask subTask = graph.subTasks().get(0);
    Node staleSecond = second.with(TaskState.READY, Operator.RUN);
    ChangeSet changes = ChangeSet.builder()
        .dag(graph.dag(), graph.dag().with(TaskState.RUNNING, Operator.RUN))
        .node(first, first.with(TaskState.RUNNING, Operator.RUN))
        .node(staleSecond, staleSecond.with(TaskState.RUNNING, Operator.RUN))
        .log(new TaskLog(subTask.id(), 0, "must not be stored", Fixtures.CREATED))
        .takeLock(graph.dag().id(), Maintenance.GLOBAL)
        .build();

    assertThat(store.commit(changes)).isFalse();

    assertThat(store.loadDag(graph.dag().id())).contains(graph);
    assertThat(store.logs(subTask.id())).isEmpty();
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
  }

  @Test
  void cas_loses_cleanly_when_the_row_changed() {
    Dag dag = store.createDag(Fixtures.chain("race", 1)).dag();
    Dag winner = dag.with(TaskState.RUNNING, Operator.RUN);
    Dag loser = dag.with(TaskState.FAILED, Operator.CANCEL);

    assertThat(store.commit(ChangeSet.builder().dag(dag, winner).build())).isTrue();
    assertThat(store.commit(ChangeSet.builder().dag(dag, loser).build())).isFalse();

    assertThat(store.findDag(dag.id())).contains(winner);
  }

  @Test
  void cas_compares_the_start_time_too() {
    Dag dag = store.createDag(Fixtures.chain("times", 1)).dag();
    Instant later = dag.startTime().plusNanos(1);
    Dag restarted = dag.withTimes(later, later);
    assertThat(store.commit(ChangeSet.builder().dag(dag, restarted).build())).isTrue();

    Dag stale = dag.with(TaskState.RUNNING, Operator.RUN);
    assertThat(store.commit(ChangeSet.builder().dag(dag, stale).build())).isFalse();
    assertThat(store.commit(ChangeSet.builder().dag(restarted, restarted.with(
        TaskState.RUNNING, Operator.RUN)).build())).isTrue();
  }

  // ---------------------------------------------------------------- logs

  @Test
  void logs_come_back_in_order_with_their_execute_times() {
    DagGraph graph = store.createDag(Fixtures.chain("logs", 2));
    long first = graph.subTasks().get(0).id();
    long second = graph.subTasks().get(1).id();
    List<TaskLog> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      TaskLog log = new TaskLog(first, i / 10, "line " + i, Fixtures.CREATED.plusMillis(30 - i));
      expected.add(log);
      if (i % 2 == 0) {
        store.appendLog(log);
      } else {
        store.commit(ChangeSet.builder().log(log).build());
      }
      store.appendLog(new TaskLog(second, 7, "other " + i, Fixtures.CREATED));
    }

    assertThat(store.logs(first)).containsExactlyElementsOf(expected);
    assertThat(store.logs(second)).hasSize(30).allSatisfy(
        log -> assertThat(log.executeTimes()).isEqualTo(7));
  }

  // ---------------------------------------------------------------- maintenance lock

  @Test
  void global_lock_excludes_every_other_lock_and_nothing_is_stored_on_conflict() {
    Dag global = store.createDag(maintained("upgrade", Maintenance.GLOBAL)).dag();

    assertThatThrownBy(() -> store.createDag(maintained("tenant", Maintenance.tenant("t1"))))
        .isInstanceOfSatisfying(MaintenanceLockedException.class,
            e -> assertThat(e.holderDagId()).isEqualTo(global.id()));
    assertThatThrownBy(() -> store.createDag(maintained("again", Maintenance.GLOBAL)))
        .isInstanceOf(MaintenanceLockedException.class);
    assertThat(store.listDags(DagFilter.ALL)).containsExactly(global);
    assertThat(store.findNode(2)).isEmpty();

    DagGraph plain = store.createDag(Fixtures.chain("no lock", 1));
    assertThat(plain.dag().id()).isEqualTo(2);
    assertThat(store.maintenanceHolder(Maintenance.tenant("t9"))).contains(global.id());
    assertThat(store.maintenanceHolder(Maintenance.NONE)).isEmpty();
    assertThat(store.lastMaintenanceDag()).contains(global);
  }

  @Test
  void tenant_locks_exclude_the_same_tenant_and_the_global_lock_only() {
    Dag t1 = store.createDag(maintained("t1", Maintenance.tenant("t1"))).dag();
    Dag t2 = store.createDag(maintained("t2", Maintenance.tenant("t2"))).dag();

    assertThat(store.maintenanceHolder(Maintenance.tenant("t1"))).contains(t1.id());
    assertThat(store.maintenanceHolder(Maintenance.tenant("t2"))).contains(t2.id());
    assertThat(store.maintenanceHolder(Maintenance.tenant("t3"))).isEmpty();
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).contains(t1.id());
    assertThatThrownBy(() -> store.createDag(maintained("t1 again", Maintenance.tenant("t1"))))
        .isInstanceOfSatisfying(MaintenanceLockedException.class,
            e -> assertThat(e.holderDagId()).isEqualTo(t1.id()));
    assertThatThrownBy(() -> store.createDag(maintained("global", Maintenance.GLOBAL)))
        .isInstanceOf(MaintenanceLockedException.class);
    assertThat(store.lastMaintenanceDag()).contains(t2);
  }

  @Test
  void released_lock_lets_the_next_dag_in_and_failed_dag_keeps_its_lock() {
    Dag holder = store.createDag(maintained("holder", Maintenance.GLOBAL)).dag();
    Dag failed = holder.with(TaskState.FAILED, Operator.RUN);
    assertThat(store.commit(ChangeSet.builder().dag(holder, failed).build())).isTrue();
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).contains(holder.id());

    Dag passed = failed.with(TaskState.SUCCEED, Operator.PASS);
    assertThat(store.commit(ChangeSet.builder().dag(failed, passed)
        .releaseLocks(holder.id()).build())).isTrue();

    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
    assertThat(store.createDag(maintained("next", Maintenance.GLOBAL)).dag().id())
        .isEqualTo(2);
  }

  @Test
  void lock_of_a_succeeded_dag_never_blocks_even_if_not_released() {
    Dag holder = store.createDag(maintained("holder", Maintenance.tenant("t1"))).dag();
    assertThat(store.commit(ChangeSet.builder()
        .dag(holder, holder.with(TaskState.SUCCEED, Operator.RUN)).build())).isTrue();

    assertThat(store.maintenanceHolder(Maintenance.tenant("t1"))).isEmpty();
    assertThat(store.createDag(maintained("next", Maintenance.tenant("t1")))).isNotNull();
  }

  @Test
  void lock_taken_again_by_the_same_dag_is_a_no_op() {
    Dag holder = store.createDag(maintained("holder", Maintenance.tenant("t1"))).dag();

    assertThat(store.commit(ChangeSet.builder().takeLock(holder.id(), Maintenance.tenant("t1"))
        .takeLock(holder.id(), Maintenance.tenant("t1")).build())).isTrue();
    assertThat(store.commit(ChangeSet.builder().takeLock(holder.id(), Maintenance.GLOBAL)
        .build())).isTrue();

    assertThat(store.maintenanceHolder(Maintenance.tenant("t2"))).contains(holder.id());
    assertThat(store.commit(ChangeSet.builder().releaseLocks(holder.id()).build())).isTrue();
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
  }

  @Test
  void concurrent_creates_of_conflicting_maintenance_dags_let_exactly_one_in() throws Exception {
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Maintenance lock = t % 2 == 0 ? Maintenance.GLOBAL : Maintenance.tenant("t" + t);
        String name = "racer " + t;
        results.add(pool.submit(() -> {
          start.await();
          try {
            store.createDag(maintained(name, lock));
            return true;
          } catch (MaintenanceLockedException e) {
            return false;
          }
        }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      List<Dag> stored = store.listDags(DagFilter.ALL);
      if (stored.size() == 1 || stored.stream().anyMatch(
          dag -> dag.maintenance().equals(Maintenance.GLOBAL))) {
        assertThat(stored).hasSize(1);
      }
      assertThat(winners).isEqualTo(stored.size()).isPositive();
      for (Dag a : stored) {
        for (Dag b : stored) {
          assertThat(a.id() == b.id() || !a.maintenance().conflictsWith(b.maintenance()))
              .as("dags %d and %d hold conflicting locks", a.id(), b.id()).isTrue();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lock_conflict_in_a_commit_writes_nothing() {
    Dag holder = store.createDag(maintained("holder", Maintenance.tenant("t1"))).dag();
    DagGraph other = store.createDag(Fixtures.chain("other", 1));
    Dag otherDag = other.dag();
    ChangeSet changes = ChangeSet.builder()
        .dag(otherDag, otherDag.with(TaskState.RUNNING, Operator.RUN))
        .log(new TaskLog(other.subTasks().get(0).id(), 0, "no", Fixtures.CREATED))
        .takeLock(otherDag.id(), Maintenance.tenant("t1"))
        .build();

    assertThatThrownBy(() -> store.commit(changes))
        .isInstanceOfSatisfying(MaintenanceLockedException.class,
            e -> assertThat(e.holderDagId()).isEqualTo(holder.id()));

    assertThat(store.findDag(otherDag.id())).contains(otherDag);
    assertThat(store.logs(other.subTasks().get(0).id())).isEmpty();
  }

  // ---------------------------------------------------------------- listings

  @Test
  void unfinished_means_not_succeeded_and_failed_only_while_holding_maintenance() {
    Dag running = store.createDag(Fixtures.chain("running", 1)).dag();
    Dag succeeded = store.createDag(Fixtures.chain("succeeded", 1)).dag();
    Dag failedPlain = store.createDag(Fixtures.chain("failed plain", 1)).dag();
    Dag cancelled = store.createDag(maintained("cancelled", Maintenance.GLOBAL)).dag();
    commitDag(cancelled, cancelled.with(TaskState.FAILED, Operator.CANCEL));
    Dag failedLocked = store.createDag(maintained("failed locked", Maintenance.GLOBAL)).dag();
    commitDag(running, running.with(TaskState.RUNNING, Operator.RUN));
    commitDag(succeeded, succeeded.with(TaskState.SUCCEED, Operator.RUN));
    commitDag(failedPlain, failedPlain.with(TaskState.FAILED, Operator.RUN));
    commitDag(failedLocked, failedLocked.with(TaskState.FAILED, Operator.RUN));

    List<DagGraph> unfinished = store.listUnfinished(DagFilter.ALL, ListDetail.DAGS).graphs();

    assertThat(unfinished).extracting(graph -> graph.dag().id())
        .containsExactly(running.id(), failedLocked.id());
    assertThat(unfinished).allSatisfy(graph -> assertThat(graph.nodes()).isEmpty());
    assertThat(unfinished).allSatisfy(graph -> assertThat(graph.dag().isUnfinished()).isTrue());
    assertThat(store.listDags(DagFilter.ALL)).hasSize(5);
  }

  @Test
  void listing_agrees_with_the_model_for_every_state_operator_and_lock() {
    List<Long> expected = new ArrayList<>();
    for (boolean locked : new boolean[] {false, true}) {
      for (TaskState state : TaskState.values()) {
        for (Operator operator : Operator.values()) {
          String name = state + " " + operator;
          Dag dag = store.createDag(maintained(name,
              locked ? Maintenance.tenant(name) : Maintenance.NONE)).dag();
          Dag updated = dag.with(state, operator);
          commitDag(dag, updated);
          if (updated.isUnfinished()) {
            expected.add(dag.id());
          }
        }
      }
    }

    assertThat(ids(store.listUnfinished(DagFilter.ALL, ListDetail.DAGS)))
        .isNotEmpty().containsExactlyElementsOf(expected);
  }

  @Test
  void listing_filters_by_scope_and_agent() {
    Dag cluster = store.createDag(Fixtures.chain("cluster", 1)).dag();
    Dag mine = store.createDag(Fixtures.newDag(
        Fixtures.template("mine", Scope.AGENT, Maintenance.NONE, 1), Fixtures.AGENT)).dag();
    Dag theirs = store.createDag(Fixtures.newDag(
        Fixtures.template("theirs", Scope.AGENT, Maintenance.NONE, 1), Fixtures.OTHER_AGENT))
        .dag();

    assertThat(ids(store.listUnfinished(DagFilter.cluster(), ListDetail.GRAPHS)))
        .containsExactly(cluster.id());
    assertThat(ids(store.listUnfinished(DagFilter.agentScope(Fixtures.AGENT), ListDetail.GRAPHS)))
        .containsExactly(mine.id());
    assertThat(ids(store.listUnfinished(new DagFilter(Optional.empty(),
        Optional.of(Fixtures.OTHER_AGENT)), ListDetail.GRAPHS))).containsExactly(theirs.id());
    assertThat(ids(store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS)))
        .containsExactly(cluster.id(), mine.id(), theirs.id());
    assertThat(ids(store.listUnfinished(DagFilter.seenBy(Fixtures.AGENT),
        ListDetail.GRAPHS_WITH_LOGS))).containsExactly(cluster.id(), mine.id());
    assertThat(ids(store.listUnfinished(DagFilter.seenBy(Fixtures.OTHER_AGENT),
        ListDetail.DAGS))).containsExactly(cluster.id(), theirs.id());
    assertThat(store.listDags(DagFilter.seenBy(Fixtures.AGENT))).containsExactly(cluster, mine);
    assertThat(store.listDags(DagFilter.agentScope(Fixtures.OTHER_AGENT)))
        .containsExactly(theirs);
    assertThat(store.listDags(DagFilter.cluster())).containsExactly(cluster);
  }

  @Test
  void listing_reads_whole_graphs_and_logs_as_asked() {
    DagGraph first = store.createDag(Fixtures.mixed());
    DagGraph second = store.createDag(Fixtures.chain("second", 2));
    TaskLog line = new TaskLog(first.subTasks().get(1).id(), 0, "hello", Fixtures.CREATED);
    TaskLog other = new TaskLog(second.subTasks().get(1).id(), 2, "world", Fixtures.CREATED);
    store.appendLog(line);
    store.appendLog(other);

    DagListing graphs = store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS);
    DagListing withLogs = store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS);

    assertThat(graphs.graphs()).containsExactly(first, second);
    assertThat(graphs.logs()).isEmpty();
    assertThat(withLogs.graphs()).containsExactly(first, second);
    assertThat(withLogs.logs()).containsOnly(
        Map.entry(line.subTaskId(), List.of(line)), Map.entry(other.subTaskId(), List.of(other)));
  }

  @Test
  void unfinished_listing_issues_the_same_few_statements_for_1_10_and_1000_dags() {
    Map<Integer, List<Integer>> counts = new LinkedHashMap<>();
    int created = 0;
    for (int size : new int[] {1, 10, 1000}) {
      for (; created < size; created++) {
        DagGraph graph = store.createDag(Fixtures.chain("dag " + created, 2));
        store.appendLog(new TaskLog(graph.subTasks().get(0).id(), 0, "x", Fixtures.CREATED));
      }
      List<Integer> perDetail = new ArrayList<>();
      for (ListDetail detail : ListDetail.values()) {
        recorded.clear();
        recording.set(true);
        DagListing listing = store.listUnfinished(DagFilter.ALL, detail);
        recording.set(false);
        assertThat(listing.graphs()).hasSize(size);
        perDetail.add(recorded.size());
      }
      counts.put(size, perDetail);
    }

    assertThat(counts.get(1)).containsExactly(1, 3, 4);
    assertThat(counts.get(10)).isEqualTo(counts.get(1));
    assertThat(counts.get(1000)).isEqualTo(counts.get(1));
  }

  @Test
  void reads_issue_only_selects() {
    DagGraph graph = store.createDag(Fixtures.mixed());
    store.appendLog(new TaskLog(graph.subTasks().get(0).id(), 0, "x", Fixtures.CREATED));
    recording.set(true);
    store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS);
    store.listDags(DagFilter.ALL);
    store.loadDag(graph.dag().id());
    store.findDag(graph.dag().id());
    store.findNode(1);
    store.findSubTask(1);
    store.logs(1);
    store.maintenanceHolder(Maintenance.GLOBAL);
    store.lastMaintenanceDag();
    store.readValue("k");
    recording.set(false);

    assertThat(recorded).isNotEmpty().allSatisfy(sql -> assertThat(sql).startsWith("SELECT"));
  }

  // ---------------------------------------------------------------- FC-13

  @Test
  void fc13_every_stored_attribute_survives_closing_and_reopening() {
    DagGraph created = store.createDag(Fixtures.mixed());
    ChangeSet.Builder changes = ChangeSet.builder();
    Dag dag = created.dag();
    Dag changedDag = new Dag(dag.id(), "renamed", Scope.CLUSTER,
        new AgentAddress("fe80::1", 40000), 2, 3, TaskState.FAILED, Operator.ROLLBACK,
        Maintenance.tenant("tenant-x"), at(1), at(2), context("dag"));
    changes.dag(dag, changedDag);
    int i = 0;
    for (Node node : created.nodes()) {
      i++;
      changes.node(node, new Node(node.id(), node.dagId(), node.stage(), "node " + i,
          "type " + i, i % 2 == 0, TaskState.values()[i], Operator.values()[i],
          at(10 + i), at(20 + i), context("node" + i)));
    }
    for (SubTask subTask : created.subTasks()) {
      i++;
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("n", i);
      data.put("list", List.of("a", i, true));
      data.put("nested", Map.of("deep", "v" + i));
      changes.subTask(subTask, new SubTask(subTask.id(), subTask.nodeId(), subTask.dagId(),
          subTask.stage(), "sub " + i, "stype " + i, TaskState.values()[i % 5],
          Operator.values()[(i + 2) % 5], at(30 + i), at(40 + i),
          new AgentAddress("192.168.0." + i, 1000 + i), i * 3, Capabilities.fromBits(i),
          context("sub" + i), data));
      changes.log(new TaskLog(subTask.id(), i, "log " + i, at(50 + i)));
    }
    assertThat(store.commit(changes.build())).isTrue();
    DagGraph before = store.loadDag(dag.id()).orElseThrow();
    List<TaskLog> logsBefore = store.logs(created.subTasks().get(2).id());
    store.writeValue("identity", "agent-1");

    reopen();

    DagGraph after = store.loadDag(dag.id()).orElseThrow();
    assertThat(after).isEqualTo(before);
    assertThat(after.dag()).isEqualTo(changedDag);
    assertThat(after.nodes()).extracting(Node::name).doesNotHaveDuplicates();
    assertThat(store.logs(created.subTasks().get(2).id())).isEqualTo(logsBefore).hasSize(1);
    assertThat(store.readValue("identity")).contains("agent-1");
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
    assertThat(store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS).graphs())
        .containsExactly(after);
  }

  @Test
  void interrupted_caller_keeps_its_flag_and_leaves_the_store_usable() {
    DagGraph graph = store.createDag(Fixtures.chain("interrupted", 1));
    long subTaskId = graph.subTasks().get(0).id();
    Thread.currentThread().interrupt();
    try {
      store.appendLog(new TaskLog(subTaskId, 0, "while interrupted", Fixtures.CREATED));
    } catch (StoreException e) {
      assertThat(e.getMessage()).isNotBlank();
    } finally {
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    }

    store.appendLog(new TaskLog(subTaskId, 0, "after", Fixtures.CREATED));
    assertThat(store.logs(subTaskId)).extracting(TaskLog::text).endsWith("after");
    reopen();
    assertThat(store.logs(subTaskId)).extracting(TaskLog::text).endsWith("after");
  }

  @Test
  void interrupts_arriving_during_writes_leave_the_store_usable() throws Exception {
    long subTaskId = store.createDag(Fixtures.chain("interrupts", 1)).subTasks().get(0).id();
    AtomicInteger refused = new AtomicInteger();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 300; i++) {
        try {
          store.appendLog(new TaskLog(subTaskId, 0, "line " + i, Fixtures.CREATED));
        } catch (StoreException e) {
          refused.incrementAndGet();
        } catch (Throwable e) {
          unexpected.set(e);
          return;
        }
        Thread.interrupted();
      }
    });
    writer.start();
    while (writer.isAlive()) {
      writer.interrupt();
      Thread.sleep(0, 200_000);
    }

    assertThat(unexpected.get()).isNull();
    store.appendLog(new TaskLog(subTaskId, 0, "after", Fixtures.CREATED));
    assertThat(store.logs(subTaskId)).extracting(TaskLog::text).endsWith("after")
        .hasSize(300 - refused.get() + 1);
    reopen();
    assertThat(store.logs(subTaskId)).hasSize(300 - refused.get() + 1);
  }

  @Test
  void log_line_of_an_unknown_sub_task_is_refused() {
    assertThatThrownBy(() -> store.appendLog(new TaskLog(99, 0, "orphan", Fixtures.CREATED)))
        .isInstanceOf(StoreException.class);
    assertThat(store.logs(99)).isEmpty();
  }

  // ---------------------------------------------------------------- kv and lifecycle

  @Test
  void opening_a_fresh_store_tells_the_listener_of_its_schema_statements() throws Exception {
    url = newUrl(Files.createDirectory(dir.resolve("fresh")));
    recording.set(true);
    try (DagStore fresh = open()) {
      recording.set(false);
      assertThat(fresh.findDag(1)).isEmpty();
    }
    assertThat(recorded).anySatisfy(
        sql -> assertThat(sql).containsIgnoringCase("CREATE TABLE dag"));
  }

  @Test
  void key_value_table_reads_what_was_last_written() {
    assertThat(store.readValue("key")).isEmpty();
    store.writeValue("key", "one");
    store.writeValue("other", "x");
    store.writeValue("key", "two");

    assertThat(store.readValue("key")).contains("two");
    assertThat(store.readValue("other")).contains("x");
  }

  @Test
  void closed_store_refuses_work_and_closes_twice_quietly() {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.findDag(1)).isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    store = open();
    assertThat(store.description()).isNotBlank().doesNotContain("password=");
  }

  private static NewDag maintained(String name, Maintenance lock) {
    return Fixtures.newDag(Fixtures.template(name, Scope.CLUSTER, lock, 1), Fixtures.AGENT);
  }

  private void commitDag(Dag expected, Dag updated) {
    assertThat(store.commit(ChangeSet.builder().dag(expected, updated).build())).isTrue();
  }

  private static List<Long> ids(DagListing listing) {
    return listing.graphs().stream().map(graph -> graph.dag().id()).toList();
  }

  private static Instant at(int seconds) {
    return Fixtures.CREATED.plusSeconds(seconds).plusNanos(seconds * 7L);
  }

  private static TaskContext context(String tag) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("tag", tag);
    params.put("timeout", 90);
    params.put("ratio", 0.25);
    params.put("flags", List.of(true, false));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("owner", Map.of("name", tag, "size", 12));
    data.put("empty", null);
    return new TaskContext(params, data,
        Map.of("10.0.0.1:2886", new AgentData(3, Map.of("seen", tag))));
  }
}
