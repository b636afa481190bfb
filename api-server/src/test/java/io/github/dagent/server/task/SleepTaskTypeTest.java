package io.github.dagent.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.DagentException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SleepTaskTypeTest {
  private final PlannedTaskType sleep = BuiltInTaskTypes.sleep();

  @Test
  void sleep_allows_every_operator_including_continue() {
    assertThat(sleep.capabilities().bits()).isEqualTo(31);
  }

  @Test
  void interrupt_ends_the_sleep() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("seconds", 60));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        sleep.execute(handle);
      } catch (Exception e) {
        failure.set(e);
      }
    });
    runner.start();
    ShellTaskTypeTest.waitFor(() -> !handle.lines.isEmpty());

    runner.interrupt();
    runner.join(2000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a_continuing_sleep_says_so_and_finishes() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("seconds", 0.05), true);

    sleep.execute(handle);

    assertThat(handle.lines).containsExactly("continuing after a restart: sleeping 0.05 s",
        "slept 0.05 s");
  }

  @Test
  void seconds_must_be_a_non_negative_number() {
    assertThatThrownBy(() -> sleep.checkParams(Map.of("seconds", "5"), "nodes[0].params"))
        .isInstanceOf(DagentException.class)
        .hasMessageStartingWith("nodes[0].params.seconds ");
    assertThatThrownBy(() -> sleep.checkParams(Map.of("seconds", -1), "p"))
        .hasMessageStartingWith("p.seconds ");
    sleep.checkParams(Map.of("seconds", 1.5), "p");
  }
}
