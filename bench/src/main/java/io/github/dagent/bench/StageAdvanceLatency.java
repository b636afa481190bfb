package io.github.dagent.bench;

import io.github.dagent.engine.Engine;
import io.github.dagent.engine.EngineBuilder;
import io.github.dagent.engine.TaskRegistry;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.server.task.BuiltInTaskTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long the engine takes to advance a stage: from one shell sub-task's command exiting to
 * the next stage's command starting, over a dag of many one-command stages, run in-process on
 * a SQLite file with the built-in {@code shell} type. OBShell polls once a second, so its
 * figure is up to 1000 ms per stage.
 *
 * <p>Two figures: <b>wall</b> from the commands' own clocks (each stage runs
 * {@code echo S $(date +%s%N); ... echo E $(date +%s%N)} into a file; the gap is the next S
 * minus this E, so it includes the shell's exit, the engine's bookkeeping and the next
 * process's start) and <b>engine</b> from the stored times (next sub-task's start minus this
 * one's end). Usage: {@code StageAdvanceLatency [stages]} (default 1000). Not a test.
 */
public final class StageAdvanceLatency {
  private StageAdvanceLatency() {}

  /**
   * @param args optional number of stages
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    int stages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("dagent-latency");
    TaskRegistry registry = new TaskRegistry().register(BuiltInTaskTypes.shell(dir));
    String url = "jdbc:sqlite:" + dir.resolve("bench.db");
    try (Engine engine = EngineBuilder.create(url, registry)
        .agent(new AgentAddress("127.0.0.1", 2886)).build()) {
      engine.start();
      Template template = template(stages, dir.resolve("times.log"));
      long started = System.nanoTime();
      DagGraph graph = engine.submit(template, TaskContext.EMPTY);
      Dag done = engine.whenFinished(graph.dag().id()).get(30, TimeUnit.MINUTES);
      long total = System.nanoTime() - started;
      if (!done.state().name().equals("SUCCEED")) {
        throw new IllegalStateException("the dag ended " + done.state() + "; see " + dir);
      }
      DagGraph finished = engine.store().loadDag(done.id()).orElseThrow();
      report(stages, total, wallGaps(dir.resolve("times.log")), engineGaps(finished));
    }
  }

  private static Template template(int stages, Path times) {
    Template.Builder builder = Template.builder("latency " + stages + " stages");
    String command = "echo S $(date +%s%N) >> " + times + "; true; echo E $(date +%s%N) >> "
        + times;
    for (int i = 1; i <= stages; i++) {
      builder.node(new NodeTemplate("stage " + i, false, List.of(
          SubTaskTemplate.of("stage " + i, BuiltInTaskTypes.SHELL)
              .withParams(Map.of("command", command)))));
    }
    return builder.build();
  }

  private static List<Long> wallGaps(Path times) throws Exception {
    List<String> lines = Files.readAllLines(times);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i + 1 < lines.size(); i += 2) {
      long end = Long.parseLong(lines.get(i).substring(2).trim());
      long nextStart = Long.parseLong(lines.get(i + 1).substring(2).trim());
      gaps.add(nextStart - end);
    }
    return gaps;
  }

  private static List<Long> engineGaps(DagGraph graph) {
    List<SubTask> subTasks = graph.subTasks().stream()
        .sorted(Comparator.comparingInt(SubTask::stage)).toList();
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i + 1 < subTasks.size(); i++) {
      gaps.add(Duration.between(subTasks.get(i).endTime(), subTasks.get(i + 1).startTime())
          .toNanos());
    }
    return gaps;
  }

  private static void report(int stages, long totalNanos, List<Long> wall, List<Long> engine) {
    System.out.printf("stages: %d, whole dag: %.1f s (%.1f ms per stage)%n", stages,
        totalNanos / 1e9, totalNanos / 1e6 / stages);
    System.out.printf("exit -> next command start (wall):   median %.2f ms, p99 %.2f ms,"
        + " max %.2f ms%n", pct(wall, 50), pct(wall, 99), pct(wall, 100));
    System.out.printf("sub-task end -> next start (engine): median %.2f ms, p99 %.2f ms,"
        + " max %.2f ms%n", pct(engine, 50), pct(engine, 99), pct(engine, 100));
    System.out.println("OBShell: 1 s polling interval, so up to 1000 ms per stage");
  }

  private static double pct(List<Long> values, int percentile) {
    List<Long> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }
}
