package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Node;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ENGINE.md rules every store must support; run on SQLite and H2 by the subclasses. */
abstract class EngineContract extends EngineFixture {

  @Test
  void nine_stages_with_a_parallel_node_run_in_order_and_context_flows_from_k_to_k_plus_1()
      throws Exception {
    Queue<String> missing = new ConcurrentLinkedQueue<>();
    register(ScriptedType.of("step", handle -> {
      int stage = ((Number) handle.context().param("stage").orElseThrow()).intValue();
      for (int earlier = 1; earlier < stage; earlier++) {
        if (!handle.context().data().containsKey("s" + earlier)) {
          missing.add("stage " + stage + " misses s" + earlier);
        }
      }
      handle.putData("s" + stage, ScriptedType.who(handle));
    }));
    List<NodeTemplate> nodes = new ArrayList<>();
    for (int stage = 1; stage <= 9; stage++) {
      if (stage == 5) {
        nodes.add(parallel("p5", sub("p5a", "step", Map.of("stage", 5)),
            sub("p5b", "step", Map.of("stage", 5)), sub("p5c", "step", Map.of("stage", 5))));
      } else {
        nodes.add(single(sub("n" + stage, "step", Map.of("stage", stage))));
      }
    }
    startEngine();

    DagGraph created = submit(chain("nine", nodes.toArray(NodeTemplate[]::new)));
    Dag done = await(created.dag().id());

    assertThat(done.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(done.operator()).isEqualTo(Operator.RUN);
    assertThat(done.stage()).isEqualTo(9);
    assertThat(missing).isEmpty();
    DagGraph graph = graph(done.id());
    assertThat(graph.nodes()).extracting(Node::state).containsOnly(TaskState.SUCCEED);
    assertThat(graph.subTasks()).hasSize(11).extracting(SubTask::executeTimes).containsOnly(1);
    assertThat(graph.nodeAt(6).orElseThrow().context().data()).containsKeys("s1", "s4", "s5");
    assertThat(named(graph, "n9").context().data()).containsKeys("s1", "s5", "s8", "s9");
    assertThat(done.endTime()).isAfterOrEqualTo(done.startTime());
    assertThat(startOf(graph, "p5a")).isAfterOrEqualTo(endOf(graph, "n4"));
    assertThat(startOf(graph, "n6")).isAfterOrEqualTo(endOf(graph, "p5c"));
  }

  @Test
  void fc05_retry_reruns_only_the_failed_sub_tasks_of_the_failed_node() throws Exception {
    ScriptedType type = register(ScriptedType.of("flaky", handle -> {
      boolean failFirst = Boolean.TRUE.equals(handle.context().param("fail_first").orElse(false));
      if (failFirst && handle.executeTimes() == 1) {
        throw new IllegalStateException("first run of " + ScriptedType.who(handle) + " fails");
      }
    }));
    startEngine();
    Map<String, Object> fails = Map.of("fail_first", true);
    DagGraph created = submit(chain("retry-scope", single(sub("n1", "flaky")),
        parallel("n2", sub("t1", "flaky"), sub("t2", "flaky", fails), sub("t3", "flaky"),
            sub("t4", "flaky", fails)),
        single(sub("n3", "flaky"))));
    long id = created.dag().id();
    Dag failed = await(id);
    Instant firstStart = failed.startTime();

    engine.operate(id, Operator.RETRY);
    Dag done = await(id);

    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.stage()).isEqualTo(2);
    assertThat(done.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(done.startTime()).isEqualTo(firstStart);
    DagGraph graph = graph(id);
    assertThat(named(graph, "t2").executeTimes()).isEqualTo(2);
    assertThat(named(graph, "t4").executeTimes()).isEqualTo(2);
    assertThat(named(graph, "t1").executeTimes()).isEqualTo(1);
    assertThat(named(graph, "t3").executeTimes()).isEqualTo(1);
    assertThat(named(graph, "n1").executeTimes()).isEqualTo(1);
    assertThat(named(graph, "n3").executeTimes()).isEqualTo(1);
    assertThat(type.events("execute:t2")).hasSize(2);
    assertThat(lines(named(graph, "t2").id())).contains("execute failed: first run of t2 fails");
  }

  @Test
  void fc04_rollback_runs_in_reverse_stage_order_undoes_only_what_ran_and_skips_never_run()
      throws Exception {
    Queue<String> undone = new ConcurrentLinkedQueue<>();
    ScriptedType type = register(new ScriptedType("undoable", Capabilities.ALL, handle -> {
      if (Boolean.TRUE.equals(handle.context().param("fail_before").orElse(false))) {
        throw new IllegalStateException("failed before doing anything");
      }
      handle.putData("did_" + ScriptedType.who(handle), true);
      if (Boolean.TRUE.equals(handle.context().param("fail_after").orElse(false))) {
        throw new IllegalStateException("failed after doing it");
      }
    }, handle -> {
      String who = ScriptedType.who(handle);
      if (handle.context().data().containsKey("did_" + who)) {
        undone.add(who);
        handle.log("undid " + who);
      } else {
        handle.log("nothing to undo");
      }
    }, handle -> { }));
    startEngine();
    DagGraph created = submit(chain("rollback", single(sub("a", "undoable")),
        single(sub("b", "undoable")),
        parallel("c", sub("c1", "undoable", Map.of("fail_before", true)),
            sub("c2", "undoable", Map.of("fail_after", true))),
        single(sub("d", "undoable"))));
    long id = created.dag().id();
    Dag failed = await(id);

    engine.operate(id, Operator.ROLLBACK);
    Dag done = await(id);

    assertThat(failed.stage()).isEqualTo(3);
    assertThat(done.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(done.operator()).isEqualTo(Operator.ROLLBACK);
    assertThat(done.startTime()).isEqualTo(failed.startTime());
    assertThat(List.copyOf(undone)).containsExactly("c2", "b", "a");
    List<String> rollbacks = type.events("rollback:");
    assertThat(rollbacks).hasSize(4);
    assertThat(rollbacks.subList(2, 4)).containsExactly("rollback:b:1", "rollback:a:1");
    DagGraph graph = graph(id);
    assertThat(lines(named(graph, "c1").id())).contains("nothing to undo");
    assertThat(type.events("rollback:d")).isEmpty();
    assertThat(named(graph, "d").state()).isEqualTo(TaskState.PENDING);
    assertThat(named(graph, "a").state()).isEqualTo(TaskState.SUCCEED);
    assertThat(named(graph, "a").operator()).isEqualTo(Operator.ROLLBACK);
  }

  @Test
  void fc01_cancel_interrupts_a_running_sub_task_whose_cancel_hook_runs_once()
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger ticks = new AtomicInteger();
    ScriptedType type = register(new ScriptedType("sleepy", Capabilities.ALL, handle -> {
      running.countDown();
      try {
        for (int second = 0; second < 600; second++) {
          handle.log("tick " + second);
          ticks.incrementAndGet();
          Thread.sleep(50);
        }
      } finally {
        stopped.countDown();
      }
    }, handle -> { }, handle -> handle.log("cancel hook ran")));
    startEngine();
    DagGraph created = submit(chain("cancel", single(sub("long", "sleepy")),
        single(sub("never", "sleepy"))));
    long id = created.dag().id();
    running.await();
    Thread.sleep(120);

    engine.operate(id, Operator.CANCEL);
    Dag done = await(id);
    SubTask longOne = named(graph(id), "long");
    eventually("the cancel hook ran", () -> lines(longOne.id()).contains("cancel hook ran"));
    assertThat(stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    int ticksAfterCancel = ticks.get();
    Thread.sleep(300);

    assertThat(done.state()).isEqualTo(TaskState.FAILED);
    assertThat(done.operator()).isEqualTo(Operator.CANCEL);
    assertThat(ticks.get()).isEqualTo(ticksAfterCancel);
    assertThat(type.events("cancel:")).containsExactly("cancel:long:1");
    SubTask cancelled = named(graph(id), "long");
    assertThat(cancelled.state()).isEqualTo(TaskState.FAILED);
    assertThat(lines(cancelled.id())).contains("sub task cancelled", "cancel hook ran");
    assertThat(type.events("execute:never")).isEmpty();
  }

  @Test
  void fc02_pass_looks_only_at_the_failed_node_and_later() throws Exception {
    registry.register(new ScriptedType("solid", Capabilities.ALL.withPass(false),
        handle -> { }, handle -> { }, handle -> { }));
    register(ScriptedType.of("breaks", handle -> {
      throw new IllegalStateException("b breaks");
    }));
    register(ScriptedType.noop("fine"));
    startEngine();
    DagGraph created = submit(chain("pass", single(sub("a", "solid")),
        single(sub("b", "breaks")), single(sub("c", "fine"))));
    long id = created.dag().id();
    Dag failed = await(id);
    SubTask aBefore = named(graph(id), "a");

    engine.operate(id, Operator.PASS);

    Dag passed = store.findDag(id).orElseThrow();
    DagGraph graph = graph(id);
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(passed.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(passed.operator()).isEqualTo(Operator.PASS);
    assertThat(named(graph, "a")).isEqualTo(aBefore);
    for (String name : List.of("b", "c")) {
      assertThat(named(graph, name).state()).isEqualTo(TaskState.SUCCEED);
      assertThat(named(graph, name).operator()).isEqualTo(Operator.PASS);
    }
    assertThat(graph.nodeAt(3).orElseThrow().operator()).isEqualTo(Operator.PASS);
    assertThat(named(graph, "c").executeTimes()).isZero();
  }

  @Test
  void fc02_pass_is_refused_naming_a_later_node_that_does_not_allow_it() throws Exception {
    register(ScriptedType.of("breaks", handle -> {
      throw new IllegalStateException("b breaks");
    }));
    registry.register(new ScriptedType("stubborn", Capabilities.ALL.withPass(false),
        handle -> { }, handle -> { }, handle -> { }));
    startEngine();
    DagGraph created = submit(chain("pass-refused", single(sub("b", "breaks")),
        single(sub("c", "stubborn"))));
    long id = created.dag().id();
    await(id);
    DagGraph before = graph(id);

    assertThatThrownBy(() -> engine.operate(id, Operator.PASS))
        .isInstanceOfSatisfying(DagentException.class, e -> assertThat(e.code())
            .isEqualTo(ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_ALLOWED))
        .hasMessageContaining("'c'");
    assertThat(graph(id)).isEqualTo(before);
  }

  @Test
  void fc03_pass_keeps_the_start_time_also_after_a_restart() throws Exception {
    register(ScriptedType.of("breaks", handle -> {
      Thread.sleep(30);
      throw new IllegalStateException("breaks");
    }));
    startEngine();
    DagGraph created = submit(chain("keep-start", single(sub("x", "breaks"))));
    long id = created.dag().id();
    Dag failed = await(id);

    engine.operate(id, Operator.PASS);
    Dag passed = store.findDag(id).orElseThrow();
    restartEngine();
    Dag reloaded = store.findDag(id).orElseThrow();

    assertThat(passed.startTime()).isEqualTo(failed.startTime());
    assertThat(reloaded.startTime()).isEqualTo(failed.startTime());
    assertThat(reloaded.endTime()).isAfterOrEqualTo(reloaded.startTime());
    assertThat(reloaded.startTime()).isAfter(created.dag().startTime().minusSeconds(1));
    assertThat(reloaded.startTime()).isAfter(Instant.parse("2000-01-01T00:00:00Z"));
    for (SubTask sub : graph(id).subTasks()) {
      assertThat(sub.endTime()).isAfterOrEqualTo(sub.startTime());
      assertThat(sub.startTime()).isAfter(Instant.parse("2000-01-01T00:00:00Z"));
    }
  }

  private static Instant startOf(DagGraph graph, String name) {
    return named(graph, name).startTime();
  }

  private static Instant endOf(DagGraph graph, String name) {
    return named(graph, name).endTime();
  }
}
