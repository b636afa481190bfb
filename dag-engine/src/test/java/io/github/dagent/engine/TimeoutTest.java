package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Dag;
import io.github.dagent.model.TaskState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ENGINE.md "Time": a RUNNING sub-task past its timeout is FAILED and interrupted. */
class TimeoutTest extends EngineFixture {
  private final AtomicBoolean stop = new AtomicBoolean();

  @AfterEach
  void letStuckThreadsEnd() {
    stop.set(true);
  }

  @Override
  Engine buildEngine() {
    return EngineBuilder.create(store, registry).workers(1)
        .sweepInterval(Duration.ofMillis(250)).abandonGrace(Duration.ofMillis(300)).build();
  }

  @Test
  void a_sub_task_ignoring_interruption_past_its_timeout_is_failed_abandoned_and_counted()
      throws Exception {
    register(ScriptedType.of("stubborn", handle -> {
      int interrupts = 0;
      while (!stop.get()) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          interrupts++;
        }
      }
      handle.log("ignored " + interrupts + " interrupts");
    }));
    register(ScriptedType.noop("noop"));
    startEngine();
    long stuck = submit(chain("stuck", single(sub("s", "stubborn", Map.of("timeout", 1)))))
        .dag().id();

    Dag failed = await(stuck);
    eventually("the stuck run is abandoned", () -> engine.abandonedSubTasks() == 1);
    long next = submit(chain("next", single(sub("n", "noop")))).dag().id();

    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(lines(named(graph(stuck), "s").id())).contains("sub task timeout");
    assertThat(await(next).state()).isEqualTo(TaskState.SUCCEED);
    assertThat(engine.abandonedSubTasks()).isEqualTo(1);
  }

  @Test
  void a_sub_task_that_stops_when_interrupted_is_failed_with_the_timeout_line_only()
      throws Exception {
    register(ScriptedType.of("sleeper", handle -> Thread.sleep(60_000)));
    startEngine();
    long id = submit(chain("sleeps", single(sub("s", "sleeper", Map.of("timeout", "1")))))
        .dag().id();

    Dag failed = await(id);
    Thread.sleep(600);

    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(lines(named(graph(id), "s").id())).containsExactly("sub task timeout");
    assertThat(engine.abandonedSubTasks()).isZero();
  }
}
