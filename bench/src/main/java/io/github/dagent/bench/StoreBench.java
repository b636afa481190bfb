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
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
    try (DagStore store = DagStores.open(url);
        Connection connection = RawCommits.open(Backend.SQLITE, url)) {
      Timed.Op bare = RawCommits.op(connection);
      Transitions transitions = new Transitions(store);
      Duration warm = run.window(Duration.ofMillis(300), Duration.ofSeconds(1));
      Timed.loop(warm, Duration.ZERO, bare);
      Timed.loopPrepared(warm, Duration.ZERO, transitions::prepare, transitions::commit);
      int rounds = run.pick(2, 10);
      Duration slice = run.window(Duration.ofSeconds(1), Duration.ofSeconds(5))
          .dividedBy(rounds);
      List<Timed.Result> bareParts = new ArrayList<>();
      List<Timed.Result> transitionParts = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        bareParts.add(Timed.loop(Duration.ZERO, slice, bare));
        transitionParts.add(Timed.loopPrepared(Duration.ZERO, slice, transitions::prepare,
            transitions::commit));
      }
      String interleaved = ", interleaved with the other in " + rounds + " rounds";
      Timed.Result rawResult = Timed.Result.merge(bareParts);
      Figure raw = run.report().add("store.commit.raw", rawResult.perSecond(), "commits/s",
          "one-row UPDATE + COMMIT, 1 thread, sqlite file, " + RawCommits.micros(rawResult)
              + " us/commit p50" + interleaved);
      Timed.Result transitionResult = Timed.Result.merge(transitionParts);
      Figure transition = run.report().add("store.transition", transitionResult.perSecond(),
          "commits/s", "DagStore.commit of one sub-task claim or finish, 1 thread, same sqlite"
              + " file, " + RawCommits.micros(transitionResult) + " us/commit p50"
              + interleaved);
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
   * and the finish (RUNNING to SUCCEED with its end time). Making fresh READY rows is the
   * untimed preparation.
   */
  private static final class Transitions {
    private final DagStore store;
    private final Deque<SubTask> ready = new ArrayDeque<>();
    private SubTask running;

    Transitions(DagStore store) {
      this.store = store;
    }

    void prepare(long i) {
      if (running == null && ready.isEmpty()) {
        ready.addAll(readyRows(store));
      }
    }

    void commit(long i) {
      if (running == null) {
        SubTask row = ready.removeFirst();
        SubTask claimed = row.with(TaskState.RUNNING, Operator.RUN)
            .withTimes(after(row.startTime()), row.endTime())
            .withExecuteTimes(row.executeTimes() + 1);
        StoreBench.commit(store, row, claimed);
        running = claimed;
      } else {
        SubTask row = running;
        SubTask done = row.with(TaskState.SUCCEED, row.operator())
            .withTimes(row.startTime(), notBefore(row.startTime()));
        StoreBench.commit(store, row, done);
        running = null;
      }
    }
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
