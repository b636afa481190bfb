package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * ENGINE.md "Time, restart and recovery" across an engine close and start on the same file;
 * {@link CrashRecoveryTest} does the same with a killed JVM.
 */
class RestartRecoveryTest extends EngineFixture {
  private final CountDownLatch started = new CountDownLatch(1);

  @Override
  Engine buildEngine() {
    return EngineBuilder.create(store, registry).workers(1)
        .sweepInterval(Duration.ofMillis(250)).build();
  }

  private ScriptedType blockingOnFirstRun(String name, Capabilities capabilities) {
    return register(new ScriptedType(name, capabilities, handle -> {
      if (handle.executeTimes() == 1 && !handle.isContinuing()
          && "slow".equals(ScriptedType.who(handle))) {
        started.countDown();
        Thread.sleep(60_000);
      }
    }, handle -> { }, handle -> { }));
  }

  @Test
  void fc09_a_running_sub_task_that_cannot_continue_is_failed_with_the_interrupted_line()
      throws Exception {
    ScriptedType type = blockingOnFirstRun("once", Capabilities.ALL.withContinue(false));
    startEngine();
    long id = submit(Template.builder("fc09").maintenance(Maintenance.GLOBAL)
        .node(single(sub("slow", "once"))).node(single(sub("after", "once"))).build())
        .dag().id();
    started.await();

    engine.close();
    SubTask leftRunning = named(graph(id), "slow");
    startEngine();
    Dag failed = await(id);

    assertThat(leftRunning.state()).isEqualTo(TaskState.RUNNING);
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(engine.unfinished()).extracting(Dag::id).contains(id);
    SubTask slow = named(graph(id), "slow");
    assertThat(lines(slow.id())).contains(Recovery.INTERRUPTED_LINE);
    assertThat(type.events("execute:slow")).hasSize(1);
    engine.operate(id, Operator.RETRY);
    assertThat(await(id).state()).isEqualTo(TaskState.SUCCEED);
    assertThat(named(graph(id), "slow").executeTimes()).isEqualTo(2);
  }

  @Test
  void a_running_sub_task_that_can_continue_runs_again_told_it_is_continuing()
      throws Exception {
    ScriptedType type = blockingOnFirstRun("resumable", Capabilities.ALL);
    startEngine();
    long id = submit(chain("continue", single(sub("slow", "resumable")))).dag().id();
    started.await();

    engine.close();
    startEngine();
    Dag done = await(id);

    assertThat(done.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(type.events("execute:slow")).containsExactly("execute:slow:1",
        "execute:slow:1:continuing");
    assertThat(named(graph(id), "slow").executeTimes()).isEqualTo(1);
  }

  @Test
  void fc10_a_half_run_parallel_node_recovers_and_retry_runs_the_unfinished_ones_once_each()
      throws Exception {
    ScriptedType type = blockingOnFirstRun("part", Capabilities.ALL.withContinue(false));
    startEngine();
    long id = submit(chain("fc10", parallel("p", sub("fast", "part"), sub("slow", "part"),
        sub("queued", "part")))).dag().id();
    started.await();

    engine.close();
    DagGraph atStop = graph(id);
    startEngine();
    Dag failed = await(id);
    engine.operate(id, Operator.RETRY);
    Dag done = await(id);

    assertThat(named(atStop, "fast").state()).isEqualTo(TaskState.SUCCEED);
    assertThat(named(atStop, "slow").state()).isEqualTo(TaskState.RUNNING);
    assertThat(named(atStop, "queued").state()).isEqualTo(TaskState.READY);
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(done.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(type.events("execute:fast")).hasSize(1);
    assertThat(type.events("execute:queued")).hasSize(1);
    assertThat(type.events("execute:slow")).containsExactly("execute:slow:1", "execute:slow:2");
  }
}
