package io.github.dagent.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.testkit.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing dags and transitions is killed with SIGKILL at a random moment, 20
 * times; after each kill the store opens, every dag is whole, every commit is all-or-nothing
 * and SQLite's integrity check passes.
 */
class SqliteCrashTest {
  private static final int KILLS = 20;

  @TempDir
  Path dir;

  @Test
  void store_killed_mid_write_20_times_reopens_whole_with_every_commit_all_or_nothing()
      throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("dagent.db");
    Random random = new Random(20);
    int lastDags = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = start(url, dir.resolve("child-" + kill + ".err"));
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(awaitReady(out)).as("child %d started; stderr: %s", kill,
            dir.resolve("child-" + kill + ".err")).isTrue();
        Thread.sleep(50 + random.nextInt(400));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      lastDags = checkWhole(url, kill);
      assertThat(integrityCheck(url)).isEqualTo("ok");
    }
    assertThat(lastDags).as("dags written over all runs").isGreaterThan(KILLS);
  }

  /** Skips the child's log lines up to its "ready"; false if it ended first. */
  private static boolean awaitReady(BufferedReader out) throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals("ready")) {
        return true;
      }
    }
    return false;
  }

  private static Process start(String url, Path stderr) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx64m",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), CrashWriter.class.getName(), url);
    builder.redirectError(stderr.toFile());
    return builder.start();
  }

  private static int checkWhole(String url, int kill) {
    try (DagStore store = DagStores.open(url)) {
      List<Dag> dags = store.listDags(DagFilter.ALL);
      for (Dag listed : dags) {
        DagGraph graph = store.loadDag(listed.id()).orElseThrow();
        assertThat(graph.nodes()).as("nodes of dag %d after kill %d", listed.id(), kill)
            .hasSize(2);
        assertThat(graph.subTasks()).as("sub-tasks of dag %d", listed.id()).hasSize(2);
        SubTask first = graph.subTasks().get(0);
        int k = first.executeTimes();
        assertThat(k).isBetween(0, CrashWriter.TRANSITIONS);
        assertThat(graph.dag().startTime()).isEqualTo(Fixtures.CREATED.plusNanos(k));
        assertThat(graph.nodes().get(0).startTime()).isEqualTo(Fixtures.CREATED.plusNanos(k));
        assertThat(first.startTime()).isEqualTo(Fixtures.CREATED.plusNanos(k));
        assertThat(graph.dag().state()).isEqualTo(k == 0 ? TaskState.READY : TaskState.RUNNING);
        assertThat(store.logs(first.id())).extracting(TaskLog::executeTimes)
            .as("log lines of dag %d", listed.id())
            .containsExactlyElementsOf(IntStream.rangeClosed(1, k).boxed()
                .toList());
      }
      return dags.size();
    }
  }

  private static String integrityCheck(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
