package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.Operator;
import io.github.dagent.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ENGINE.md "Operators": two operator requests racing on one dag, exactly one wins. */
class RacingOperatorsTest extends EngineFixture {
  private static final Operator[][] PAIRS = {
    {Operator.RETRY, Operator.RETRY},
    {Operator.RETRY, Operator.PASS},
    {Operator.ROLLBACK, Operator.PASS},
    {Operator.ROLLBACK, Operator.RETRY},
  };

  private final ExecutorService callers = Executors.newFixedThreadPool(10);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void two_racing_operators_on_one_failed_dag_exactly_one_wins_in_100_trials()
      throws Exception {
    register(ScriptedType.of("first-fails", handle -> {
      if (handle.executeTimes() == 1) {
        throw new IllegalStateException("first run fails");
      }
    }));
    startEngine();
    List<Long> dags = new ArrayList<>();
    for (int trial = 0; trial < 100; trial++) {
      dags.add(submit(chain("race-" + trial, single(sub("a", "first-fails")))).dag().id());
    }
    for (long id : dags) {
      assertThat(await(id).state()).isEqualTo(TaskState.FAILED);
    }

    for (int trial = 0; trial < 100; trial++) {
      Operator[] pair = PAIRS[trial % PAIRS.length];
      int winners = race(dags.get(trial), pair);
      assertThat(winners).as("trial %s: %s vs %s", trial, pair[0], pair[1]).isEqualTo(1);
    }

    for (long id : dags) {
      assertThat(await(id).state()).isEqualTo(TaskState.SUCCEED);
    }
  }

  @Test
  void fc07_ten_concurrent_retries_one_wins_and_each_failed_sub_task_runs_once_more()
      throws Exception {
    ScriptedType type = register(ScriptedType.of("first-fails", handle -> {
      boolean flaky = Boolean.TRUE.equals(handle.context().param("flaky").orElse(false));
      if (flaky && handle.executeTimes() == 1) {
        throw new IllegalStateException("first run fails");
      }
    }));
    startEngine();
    long id = submit(chain("fc07", parallel("n1",
        sub("ok", "first-fails"), sub("f1", "first-fails", java.util.Map.of("flaky", true)),
        sub("f2", "first-fails", java.util.Map.of("flaky", true))))).dag().id();
    await(id);

    Operator[] tenRetries = new Operator[10];
    java.util.Arrays.fill(tenRetries, Operator.RETRY);
    int winners = race(id, tenRetries);

    assertThat(winners).isEqualTo(1);
    assertThat(await(id).state()).isEqualTo(TaskState.SUCCEED);
    assertThat(type.events("execute:f1")).hasSize(2);
    assertThat(type.events("execute:f2")).hasSize(2);
    assertThat(type.events("execute:ok")).hasSize(1);
  }

  private int race(long dagId, Operator... operators) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(operators.length);
    List<Future<Boolean>> results = new ArrayList<>();
    for (Operator operator : operators) {
      results.add(callers.submit(() -> {
        barrier.await(10, TimeUnit.SECONDS);
        try {
          engine.operate(dagId, operator);
          return true;
        } catch (DagentException e) {
          assertThat(e.code().httpStatus()).isEqualTo(400);
          return false;
        }
      }));
    }
    int winners = 0;
    for (Future<Boolean> result : results) {
      winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    return winners;
  }
}
