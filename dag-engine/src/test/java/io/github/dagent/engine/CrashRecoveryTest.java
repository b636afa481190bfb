package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.ListDetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENGINE.md "Time, restart and recovery" and FC-09 / FC-10 with a real crash: a child JVM
 * running dags is killed with destroyForcibly at 20 random moments; after each, an engine on
 * the same file recovers, and RETRY is used until every dag succeeds.
 */
class CrashRecoveryTest {
  private static final int KILL_POINTS = 20;

  @TempDir
  Path dir;

  private int continued;
  private int interrupted;

  @Test
  void after_a_kill_every_dag_finishes_continuable_ones_continue_and_nothing_runs_twice()
      throws Exception {
    Random random = new Random(20_261_204L);
    for (int point = 0; point < KILL_POINTS; point++) {
      killAndRecover(dir.resolve("point-" + point), random.nextInt(700));
    }

    assertThat(continued).as("continued sub-tasks over all kill points").isPositive();
    assertThat(interrupted).as("interrupted sub-tasks over all kill points").isPositive();
  }

  private void killAndRecover(Path point, int killAfterMillis) throws Exception {
    Files.createDirectories(point);
    Path db = point.resolve("dagent.db");
    Path side = point.resolve("side.txt");
    Path marker = point.resolve("started");
    Process child = startChild(db, side, marker, point.resolve("child.log"));
    waitFor(marker, child);
    Thread.sleep(killAfterMillis);
    child.destroyForcibly();
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

    try (DagStore store = DagStores.open("jdbc:sqlite:" + db)) {
      List<SubTask> runningAtKill = runningSubTasks(store);
      Engine engine = EngineBuilder.create(store, CrashChild.registry(side)).workers(4)
          .sweepInterval(Duration.ofMillis(200)).build();
      try {
        engine.start();
        finishAll(engine, store);
      } finally {
        engine.close();
      }
      checkRecovery(store, side, runningAtKill);
    }
  }

  private Process startChild(Path db, Path side, Path marker, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), db.toString(), side.toString(), marker.toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void waitFor(Path marker, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(marker)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroyForcibly();
        Path log = marker.resolveSibling("child.log");
        throw new AssertionError("child did not start; its output:\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"));
      }
      Thread.sleep(5);
    }
  }

  private static List<SubTask> runningSubTasks(DagStore store) {
    List<SubTask> running = new ArrayList<>();
    for (DagGraph graph : store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS).graphs()) {
      graph.subTasks().stream().filter(sub -> sub.state() == TaskState.RUNNING)
          .forEach(running::add);
    }
    return running;
  }

  private static void finishAll(Engine engine, DagStore store) throws Exception {
    for (Dag dag : store.listDags(DagFilter.ALL)) {
      for (int attempt = 0; attempt < 5; attempt++) {
        Dag done = engine.whenFinished(dag.id()).get(30, TimeUnit.SECONDS);
        if (done.state() == TaskState.SUCCEED) {
          break;
        }
        engine.operate(dag.id(), Operator.RETRY);
      }
      assertThat(store.findDag(dag.id()).orElseThrow().state())
          .as("dag %s after recovery and retries", dag.id()).isEqualTo(TaskState.SUCCEED);
    }
    assertThat(store.listDags(DagFilter.ALL)).hasSize(CrashChild.DAGS);
  }

  private void checkRecovery(DagStore store, Path side, List<SubTask> runningAtKill)
      throws Exception {
    List<String> lines = Files.exists(side) ? Files.readAllLines(side) : List.of();
    Map<String, Integer> runs = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split(":");
      if (parts[0].equals("once")) {
        runs.merge(parts[1] + ":" + parts[2], 1, Integer::sum);
      }
    }
    assertThat(runs.values()).as("runs per non-continuable sub-task and execute_times")
        .allMatch(count -> count == 1);
    for (SubTask sub : runningAtKill) {
      if (sub.capabilities().canContinue()) {
        assertThat(lines).contains("resume:" + sub.id() + ":" + sub.executeTimes() + ":c");
        continued++;
      } else {
        List<String> texts = store.logs(sub.id()).stream().map(TaskLog::text).toList();
        assertThat(texts).contains(Recovery.INTERRUPTED_LINE);
        interrupted++;
      }
    }
  }
}
