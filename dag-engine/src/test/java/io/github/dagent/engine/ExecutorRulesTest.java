package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Dag;
import io.github.dagent.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The executor pool: bounded, each sub-task run once per claim, failures contained. */
class ExecutorRulesTest extends EngineFixture {

  @Test
  void a_sub_task_handed_to_two_engines_on_one_store_runs_once() throws Exception {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    register(ScriptedType.of("count", handle -> {
      runs.computeIfAbsent(handle.subTaskId() + ":" + handle.executeTimes(),
          key -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(5);
    }));
    startEngine();
    try (Engine second = EngineBuilder.create(store, registry).workers(8)
        .sweepInterval(Duration.ofMillis(20)).build()) {
      second.start();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(submit(chain("twice-" + i, parallel("p", sub("a", "count"), sub("b", "count"),
            sub("c", "count")), single(sub("d", "count")))).dag().id());
      }

      for (long id : ids) {
        assertThat(await(id).state()).isEqualTo(TaskState.SUCCEED);
      }
    }

    assertThat(runs).hasSize(80);
    assertThat(runs.values()).allMatch(count -> count.get() == 1);
  }

  @Test
  void at_most_the_configured_number_of_workers_run_at_once() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    register(ScriptedType.of("busy", handle -> {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      Thread.sleep(20);
      now.decrementAndGet();
    }));
    engine = EngineBuilder.create(store, registry).workers(3).build();
    engine.start();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(submit(chain("wide-" + i, parallel("p", sub("a", "busy"), sub("b", "busy"),
          sub("c", "busy"), sub("d", "busy")))).dag().id());
    }

    for (long id : ids) {
      assertThat(await(id).state()).isEqualTo(TaskState.SUCCEED);
    }
    assertThat(most.get()).isBetween(1, 3);
  }

  @Test
  void a_task_throwing_an_error_fails_its_sub_task_and_the_engine_keeps_working()
      throws Exception {
    register(ScriptedType.of("explodes", handle -> {
      throw new StackOverflowError("deep trouble");
    }));
    register(ScriptedType.noop("noop"));
    startEngine();
    long broken = submit(chain("broken", single(sub("a", "explodes")))).dag().id();
    Dag failed = await(broken);

    long next = submit(chain("next", single(sub("b", "noop")))).dag().id();

    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(lines(named(graph(broken), "a").id()))
        .containsExactly("execute failed: deep trouble");
    assertThat(await(next).state()).isEqualTo(TaskState.SUCCEED);
  }
}
