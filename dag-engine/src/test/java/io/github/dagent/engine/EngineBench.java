package io.github.dagent.engine;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark, not a test: stage-advance latency (sub-task k's body ends to sub-task k+1's
 * body starts) on a SQLite file, and end-to-end no-op sub-tasks per second for 1,000 dags x 3
 * stages x 4 parallel sub-tasks on a SQLite file and an H2 file.
 *
 * <p>Run: {@code java -cp <test classpath> io.github.dagent.engine.EngineBench [dir]}.
 */
public final class EngineBench {
  private static final int STAGES = 11;
  private static final int LATENCY_DAGS = 100;
  private static final int DAGS = 1_000;

  private EngineBench() {}

  /**
   * @param args optional directory for the database files (a temp dir by default)
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("dagent-bench");
    latency("jdbc:sqlite:" + dir.resolve("latency.db"));
    if (args.length > 1 && args[1].equals("latency")) {
      return;
    }
    throughput("sqlite", "jdbc:sqlite:" + dir.resolve("throughput.db"));
    throughput("h2", "jdbc:h2:file:" + dir.resolve("throughput-h2"));
  }

  private static void latency(String url) throws Exception {
    Map<Integer, long[]> marks = new ConcurrentHashMap<>();
    TaskRegistry registry = new TaskRegistry().register(new Marker("mark", marks));
    Template.Builder template = Template.builder("latency");
    for (int stage = 1; stage <= STAGES; stage++) {
      template.node(new NodeTemplate("s" + stage, false, List.of(
          SubTaskTemplate.of("s" + stage, "mark").withParams(Map.of("stage", stage)))));
    }
    long[] gaps = new long[LATENCY_DAGS * (STAGES - 1)];
    try (DagStore store = DagStores.open(url);
        Engine engine = EngineBuilder.create(store, registry).workers(8).build()) {
      engine.start();
      for (int run = 0; run < LATENCY_DAGS; run++) {
        marks.clear();
        long id = engine.submit(template.build(), TaskContext.EMPTY).dag().id();
        engine.whenFinished(id).get(10, TimeUnit.MINUTES);
        for (int stage = 1; stage < STAGES; stage++) {
          gaps[run * (STAGES - 1) + stage - 1] = marks.get(stage + 1)[0] - marks.get(stage)[1];
        }
      }
    }
    Arrays.sort(gaps);
    System.out.printf("stage advance on %s over %d stages (%d dags x %d stages, one at a"
        + " time): median %.3f ms, p99 %.3f ms, max %.3f ms%n", url, gaps.length,
        LATENCY_DAGS, STAGES, millis(gaps[gaps.length / 2]),
        millis(gaps[(int) Math.ceil(gaps.length * 0.99) - 1]), millis(gaps[gaps.length - 1]));
  }

  private static void throughput(String name, String url) throws Exception {
    TaskRegistry registry = new TaskRegistry().register(new Marker("noop", null));
    Template template = Template.builder("throughput")
        .node(parallelNoops("a")).node(parallelNoops("b")).node(parallelNoops("c")).build();
    try (DagStore store = DagStores.open(url);
        Engine engine = EngineBuilder.create(store, registry).workers(8).build()) {
      engine.start();
      long start = System.nanoTime();
      List<CompletableFuture<?>> futures = new ArrayList<>();
      for (int i = 0; i < DAGS; i++) {
        long id = engine.submit(template, TaskContext.EMPTY).dag().id();
        futures.add(engine.whenFinished(id));
      }
      long submitted = System.nanoTime();
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.MINUTES);
      long end = System.nanoTime();
      double seconds = (end - start) / 1e9;
      System.out.printf("%s-file: %d dags x 3 stages x 4 sub-tasks = %d no-op sub-tasks in"
          + " %.2f s (submit %.2f s): %.0f sub-tasks/s, %.0f dags/s%n", name, DAGS,
          DAGS * 12, seconds, (submitted - start) / 1e9, DAGS * 12 / seconds, DAGS / seconds);
    }
  }

  private static NodeTemplate parallelNoops(String name) {
    List<SubTaskTemplate> subs = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      subs.add(SubTaskTemplate.of(name + i, "noop"));
    }
    return NodeTemplate.parallel(name, subs);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Records when its body starts and ends, by the param "stage"; or does nothing. */
  private static final class Marker implements TaskType {
    private final String name;
    private final Map<Integer, long[]> marks;

    Marker(String name, Map<Integer, long[]> marks) {
      this.name = name;
      this.marks = marks;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.ALL;
    }

    @Override
    public void execute(TaskHandle handle) {
      if (marks != null) {
        long started = System.nanoTime();
        int stage = ((Number) handle.context().param("stage").orElseThrow()).intValue();
        marks.put(stage, new long[] {started, System.nanoTime()});
      }
    }
  }
}
