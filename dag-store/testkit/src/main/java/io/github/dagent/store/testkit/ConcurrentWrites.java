package io.github.dagent.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A concurrency scenario for any store: threads mix transitions of their own dag, log appends,
 * and compare-and-set races on one shared sub-task; afterwards every write must be there
 * exactly once and the shared counter must equal the number of reported wins.
 */
public final class ConcurrentWrites {
  private ConcurrentWrites() {}

  /**
   * Runs the scenario and asserts its outcome.
   *
   * @param store an open, empty store
   * @param threads how many threads
   * @param operations how many operations in total
   * @throws Exception when a thread fails or the outcome is wrong
   */
  public static void run(DagStore store, int threads, int operations) throws Exception {
    DagGraph shared = store.createDag(Fixtures.chain("shared", 1));
    List<DagGraph> own = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      own.add(store.createDag(Fixtures.chain("own " + t, 1)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> work(store, thread, operations / threads,
            own.get(thread), shared)));
      }
      int sharedWins = 0;
      for (int t = 0; t < threads; t++) {
        int[] counts = results.get(t).get(5, TimeUnit.MINUTES);
        SubTask mine = store.findSubTask(own.get(t).subTasks().get(0).id()).orElseThrow();
        assertThat(mine.executeTimes()).as("own transitions of thread %d", t)
            .isEqualTo(counts[0]);
        List<TaskLog> logs = store.logs(mine.id());
        assertThat(logs).hasSize(counts[0] + counts[1]);
        assertThat(logs).extracting(TaskLog::text).doesNotHaveDuplicates();
        assertThat(logs.stream().filter(log -> log.text().startsWith("transition"))
            .map(TaskLog::executeTimes).toList()).isSorted();
        sharedWins += counts[2];
      }
      SubTask sharedTask = store.findSubTask(shared.subTasks().get(0).id()).orElseThrow();
      assertThat(sharedTask.executeTimes()).isEqualTo(sharedWins);
      assertThat(store.logs(sharedTask.id())).hasSize(sharedWins);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Every thread races on one sub-task only: read it, then compare-and-set it one step on.
   * Each win must move the row exactly one step, so the row's execute count equals the wins
   * and no two winners started from the same read.
   *
   * @param store an open, empty store
   * @param threads how many threads
   * @param attemptsPerThread how many read-and-set attempts each thread makes
   * @throws Exception when a thread fails or two winners moved the row from the same copy
   */
  public static void raceOnOneRow(DagStore store, int threads, int attemptsPerThread)
      throws Exception {
    DagGraph shared = store.createDag(Fixtures.chain("raced", 1));
    long id = shared.subTasks().get(0).id();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int wins = 0;
          for (int i = 0; i < attemptsPerThread; i++) {
            wins += stepShared(store, id, "raced " + thread + " " + i) ? 1 : 0;
          }
          return wins;
        }));
      }
      int wins = 0;
      for (Future<Integer> result : results) {
        wins += result.get(5, TimeUnit.MINUTES);
      }
      List<TaskLog> logs = store.logs(id);
      assertThat(logs).extracting(TaskLog::executeTimes)
          .as("each win moved the row from a different copy").doesNotHaveDuplicates();
      assertThat(store.findSubTask(id).orElseThrow().executeTimes())
          .as("steps the row made against wins reported").isEqualTo(wins);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads the sub-task and tries to move it one step on; returns whether this call won. */
  private static boolean stepShared(DagStore store, long id, String text) {
    SubTask current = store.findSubTask(id).orElseThrow();
    // Like the engine, every transition moves the start time on, so that the
    // compare-and-set on (state, start time) cannot meet an A-B-A.
    SubTask next = current.withExecuteTimes(current.executeTimes() + 1)
        .with(current.state() == TaskState.RUNNING ? TaskState.READY : TaskState.RUNNING,
            Operator.RUN)
        .withTimes(current.startTime().plusNanos(1), current.endTime());
    return store.commit(ChangeSet.builder().subTask(current, next)
        .log(new TaskLog(id, next.executeTimes(), text, Fixtures.CREATED)).build());
  }

  /** Returns {own transitions, appends, shared wins}. */
  private static int[] work(DagStore store, int thread, int operations, DagGraph own,
      DagGraph shared) {
    Random random = new Random(thread);
    SubTask mine = own.subTasks().get(0);
    int transitions = 0;
    int appends = 0;
    int wins = 0;
    for (int i = 0; i < operations; i++) {
      int choice = random.nextInt(3);
      if (choice == 0) {
        SubTask next = mine.with(i % 2 == 0 ? TaskState.RUNNING : TaskState.READY, Operator.RUN)
            .withExecuteTimes(mine.executeTimes() + 1);
        assertThat(store.commit(ChangeSet.builder().subTask(mine, next)
            .log(new TaskLog(mine.id(), next.executeTimes(), "transition " + i, Fixtures.CREATED))
            .build())).isTrue();
        mine = next;
        transitions++;
      } else if (choice == 1) {
        store.appendLog(new TaskLog(mine.id(), 0, "append " + thread + " " + i,
            Fixtures.CREATED));
        appends++;
      } else if (stepShared(store, shared.subTasks().get(0).id(),
          "shared " + thread + " " + i)) {
        wins++;
      }
    }
    return new int[] {transitions, appends, wins};
  }
}
