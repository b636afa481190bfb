package io.github.dagent.bench;

import io.github.dagent.engine.Engine;
import io.github.dagent.engine.EngineBuilder;
import io.github.dagent.engine.TaskRegistry;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code engine.advance.p50/.p99} on a SQLite file, and {@code engine.throughput} on a SQLite
 * file and on an H2 file, each beside the bare commit rate of its own file measured just before
 * and just after it (the disk of a shared machine drifts within minutes). The engine runs
 * with its default settings (8 workers, sweep every second).
 */
final class EngineBench implements BenchGroup {
  private static final AgentAddress AGENT = new AgentAddress("127.0.0.1", 2886);
  private static final int STAGES_PER_ADVANCE_DAG = 21;
  private static final int THROUGHPUT_STAGES = 3;
  private static final int THROUGHPUT_PARALLEL = 4;

  @Override
  public String name() {
    return "engine";
  }

  @Override
  public List<String> figures() {
    return List.of("engine.advance.p50", "engine.advance.p99", "store.commit.raw.engine.sqlite",
        "engine.throughput.sqlite", "engine.throughput.sqlite.ratio",
        "store.commit.raw.engine.h2", "engine.throughput.h2", "engine.throughput.h2.ratio");
  }

  @Override
  public void run(BenchRun run) throws Exception {
    advance(run);
    throughput(run, Backend.SQLITE);
    throughput(run, Backend.H2);
  }

  /**
   * Runs dags of {@value #STAGES_PER_ADVANCE_DAG} single-sub-task stages one after the other;
   * each dag gives 20 stage-to-stage gaps. The first dags warm up and are not recorded.
   */
  private static void advance(BenchRun run) throws Exception {
    int gapsPerDag = STAGES_PER_ADVANCE_DAG - 1;
    int dags = run.pick(13, 50);
    int warmDags = run.pick(3, 5);
    StageClock clock = new StageClock();
    String url = Backend.SQLITE.url(run.directory("engine-advance"));
    try (DagStore store = DagStores.open(url);
        Engine engine = EngineBuilder.create(store, new TaskRegistry().register(clock))
            .agent(AGENT).build()) {
      engine.start();
      for (int i = 0; i < warmDags + dags; i++) {
        clock.recording(i >= warmDags);
        DagGraph graph = engine.submit(Fixtures.sequential("advance " + i,
            STAGES_PER_ADVANCE_DAG, StageClock.NAME, Maintenance.NONE), TaskContext.EMPTY);
        Dag done = engine.whenFinished(graph.dag().id()).get(120, TimeUnit.SECONDS);
        requireSucceeded(done);
      }
    }
    Histogram micros = clock.micros();
    String note = micros.getTotalCount() + " stage advances (" + dags + " dags x " + gapsPerDag
        + "), sub-task body end to next stage's body start, sqlite file"
        + (run.quick() ? "; quick: " + micros.getTotalCount() + " instead of 1000" : "");
    run.report().add("engine.advance.p50", micros.getValueAtPercentile(50), "us", note);
    run.report().add("engine.advance.p99", micros.getValueAtPercentile(99), "us", note);
  }

  /**
   * Writes every dag first (not timed), then starts an engine on the store and times until
   * every dag is finished: the engine finds them at start as a restarted agent would.
   */
  private static void throughput(BenchRun run, Backend backend) throws Exception {
    int dags = run.pick(50, 1000);
    String url = backend.url(run.directory("engine-" + backend.label()));
    try (DagStore store = DagStores.open(url)) {
      Duration window = run.window(Duration.ofMillis(500), Duration.ofSeconds(3));
      Timed.Result before = RawCommits.rate(run, backend, url, window);
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < dags; i++) {
        Template template = Fixtures.parallel("throughput " + i, THROUGHPUT_STAGES,
            THROUGHPUT_PARALLEL, NoopType.NAME);
        ids.add(Fixtures.create(store, template, AGENT).dag().id());
      }
      long elapsed;
      try (Engine engine = EngineBuilder.create(store, new TaskRegistry()
          .register(new NoopType())).agent(AGENT).build()) {
        List<CompletableFuture<Dag>> futures = new ArrayList<>();
        for (long id : ids) {
          futures.add(engine.whenFinished(id));
        }
        long start = System.nanoTime();
        engine.start();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .get(600, TimeUnit.SECONDS);
        elapsed = System.nanoTime() - start;
        for (CompletableFuture<Dag> future : futures) {
          requireSucceeded(future.get());
        }
      }
      Timed.Result after = RawCommits.rate(run, backend, url, window);
      Figure baseline = run.report().add("store.commit.raw.engine." + backend.label(),
          (before.perSecond() + after.perSecond()) / 2, "commits/s",
          "bare one-row commits on the engine's own " + backend.label() + " file, mean of "
              + Figure.format(before.perSecond()) + " just before and "
              + Figure.format(after.perSecond()) + " just after the engine run");
      long subTasks = (long) dags * THROUGHPUT_STAGES * THROUGHPUT_PARALLEL;
      String shape = dags + " dags x " + THROUGHPUT_STAGES + " stages x " + THROUGHPUT_PARALLEL
          + " parallel no-op sub-tasks = " + subTasks + " in " + Figure.format(elapsed / 1e9)
          + " s, " + backend.label() + " file, 8 workers";
      String name = "engine.throughput." + backend.label();
      Figure figure = run.report().add(name, subTasks * 1e9 / elapsed, "subtasks/s",
          (run.quick() ? "quick: " + dags + " dags instead of 1000; " : "") + shape);
      run.report().ratio(name + ".ratio", figure, baseline,
          "sub-tasks finished per bare commit the file allows");
    }
  }

  private static void requireSucceeded(Dag dag) {
    if (dag.state() != TaskState.SUCCEED) {
      throw new IllegalStateException("dag " + dag.genericId() + " ended " + dag.state()
          + "; the bench needs every dag to succeed");
    }
  }
}
