package io.github.dagent.bench;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code store.commit.raw} (and {@code store.commit.raw.h2}), {@code store.transition} and
 * their ratio: the engine's sub-task transition transaction (a compare-and-set UPDATE of the
 * whole row through {@link DagStore#commit}) against a bare one-row UPDATE on the same file.
 */
final class StoreBench implements BenchGroup {
  private static final AgentAddress AGENT = new AgentAddress("127.0.0.1", 2886);
  private static final int SUB_TASKS_PER_DAG = 200;

  @Override
  public String name() {
    return "store";
  }

  @Override
  public List<String> figures() {
    return List.of("store.commit.raw", "store.transition", "store.transition.ratio",
        "store.commit.raw.h2");
  }

  @Override
  public void run(BenchRun run) throws Exception {
    Path dir = run.directory("store-sqlite");
    String url = Backend.SQLITE.url(dir);
    try (DagStore store = DagStores.open(url)) {
      Figure raw = RawCommits.measure(run, Backend.SQLITE, url);
      Figure transition = transitions(run, store);
      run.report().ratio("store.transition.ratio", transition, raw,
          "engine transition commits per bare commit");
    }
    // The H2 store stays open while the bare commits run, so that they share its database.
    Path h2 = run.directory("store-h2");
    String h2Url = Backend.H2.url(h2);
    DagStore h2Store = DagStores.open(h2Url);
    try {
      RawCommits.measure(run, Backend.H2, h2Url);
    } finally {
      h2Store.close();
    }
  }

  /**
   * Alternates the two transitions a sub-task run commits, each its own transaction, exactly
   * as the engine builds them: the claim (READY to RUNNING, execute_times + 1, a later start)
   * and the finish (RUNNING to SUCCEED with its end time). Making fresh READY rows is not
   * timed.
   */
  private static Figure transitions(BenchRun run, DagStore store) throws Exception {
    Deque<SubTask> ready = new ArrayDeque<>();
    SubTask[] running = new SubTask[1];
    Timed.Result result = Timed.loopPrepared(
        run.window(Duration.ofMillis(300), Duration.ofSeconds(1)),
        run.window(Duration.ofSeconds(1), Duration.ofSeconds(5)),
        i -> {
          if (running[0] == null && ready.isEmpty()) {
            ready.addAll(readyRows(store));
          }
        },
        i -> {
          if (running[0] == null) {
            SubTask row = ready.removeFirst();
            SubTask claimed = row.with(TaskState.RUNNING, Operator.RUN)
                .withTimes(after(row.startTime()), row.endTime())
                .withExecuteTimes(row.executeTimes() + 1);
            commit(store, row, claimed);
            running[0] = claimed;
          } else {
            SubTask row = running[0];
            SubTask done = row.with(TaskState.SUCCEED, row.operator())
                .withTimes(row.startTime(), notBefore(row.startTime()));
            commit(store, row, done);
            running[0] = null;
          }
        });
    return run.report().add("store.transition", result.perSecond(), "commits/s",
        "DagStore.commit of one sub-task claim or finish, 1 thread, same sqlite file, "
            + Figure.format(result.latencies().getValueAtPercentile(50) / 1000.0)
            + " us/commit p50");
  }

  /** A new dag with one stage of parallel sub-tasks, all READY as the scheduler leaves them. */
  private static List<SubTask> readyRows(DagStore store) {
    DagGraph graph = Fixtures.create(store,
        Fixtures.parallel("transitions", 1, SUB_TASKS_PER_DAG, NoopType.NAME), AGENT);
    ChangeSet.Builder changes = ChangeSet.builder();
    List<SubTask> ready = graph.subTasks().stream()
        .map(sub -> sub.with(TaskState.READY, sub.operator())).toList();
    for (int i = 0; i < ready.size(); i++) {
      changes.subTask(graph.subTasks().get(i), ready.get(i));
    }
    if (!store.commit(changes.build())) {
      throw new IllegalStateException("a fresh dag's sub-tasks changed under the bench");
    }
    return ready;
  }

  private static void commit(DagStore store, SubTask expected, SubTask updated) {
    if (!store.commit(ChangeSet.builder().subTask(expected, updated).build())) {
      throw new IllegalStateException("sub-task " + expected.id() + " lost its compare-and-set"
          + " with nobody else writing");
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant notBefore(Instant start) {
    Instant now = now();
    return now.isBefore(start) ? start : now;
  }

  private static Instant after(Instant previous) {
    Instant now = now();
    return now.isAfter(previous) ? now : previous.plusMillis(1);
  }
}
