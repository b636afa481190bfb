package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** ENGINE.md "Operators": each operator on its allowed state, refused on every other. */
class OperatorRulesTest extends EngineFixture {
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch blocking = new CountDownLatch(1);

  private void registerTypes() {
    register(ScriptedType.noop("noop"));
    register(ScriptedType.of("fails", handle -> {
      throw new IllegalStateException("fails on purpose");
    }));
    register(ScriptedType.of("blocks", handle -> {
      blocking.countDown();
      release.await();
    }));
  }

  @Test
  void every_operator_but_cancel_is_refused_on_a_ready_dag_and_cancel_fails_it() {
    registerTypes();
    engine = buildEngine();
    long id = submit(chain("ready", single(sub("a", "noop")))).dag().id();

    assertRefused(id, Operator.RETRY, ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_FAILED_DAG);
    assertRefused(id, Operator.ROLLBACK, ErrorCode.TASK_DAG_OPERATOR_ROLLBACK_NOT_FAILED_DAG);
    assertRefused(id, Operator.PASS, ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_FAILED_DAG);
    assertRefused(id, Operator.RUN, ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT);
    engine.operate(id, Operator.CANCEL);

    Dag cancelled = store.findDag(id).orElseThrow();
    assertThat(cancelled.state()).isEqualTo(TaskState.FAILED);
    assertThat(cancelled.operator()).isEqualTo(Operator.CANCEL);
    assertThat(cancelled.startTime()).isEqualTo(graph(id).dag().startTime());
  }

  @Test
  void retry_rollback_and_pass_are_refused_on_running_and_succeed_dags() throws Exception {
    registerTypes();
    startEngine();
    long done = submit(chain("done", single(sub("a", "noop")))).dag().id();
    await(done);
    long running = submit(chain("running", single(sub("b", "blocks")))).dag().id();
    blocking.await();

    for (long id : List.of(done, running)) {
      assertRefused(id, Operator.RETRY, ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_FAILED_DAG);
      assertRefused(id, Operator.ROLLBACK,
          ErrorCode.TASK_DAG_OPERATOR_ROLLBACK_NOT_FAILED_DAG);
      assertRefused(id, Operator.PASS, ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_FAILED_DAG);
      assertRefused(id, Operator.RUN, ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT);
    }
    assertRefused(done, Operator.CANCEL, ErrorCode.TASK_DAG_OPERATOR_CANCEL_FINISHED_DAG);
    release.countDown();
    assertThat(await(running).state()).isEqualTo(TaskState.SUCCEED);
  }

  @Test
  void cancel_is_refused_on_a_failed_dag_without_maintenance_and_on_a_cancelled_one()
      throws Exception {
    registerTypes();
    startEngine();
    long failed = submit(chain("failed", single(sub("a", "fails")))).dag().id();
    await(failed);
    long cancelled = submit(chain("cancelled", single(sub("b", "blocks")))).dag().id();
    blocking.await();
    engine.operate(cancelled, Operator.CANCEL);

    assertRefused(failed, Operator.CANCEL, ErrorCode.TASK_DAG_OPERATOR_CANCEL_FINISHED_DAG);
    assertRefused(cancelled, Operator.CANCEL,
        ErrorCode.TASK_DAG_OPERATOR_CANCEL_FINISHED_DAG);
  }

  @Test
  void an_unknown_dag_is_task_not_found_for_every_operator() {
    registerTypes();
    startEngine();

    for (Operator operator : List.of(Operator.RETRY, Operator.ROLLBACK, Operator.CANCEL,
        Operator.PASS)) {
      assertThatThrownBy(() -> engine.operate(4242, operator))
          .isInstanceOfSatisfying(DagentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_FOUND));
    }
  }

  @Test
  void retry_is_refused_when_the_failed_node_does_not_allow_it() throws Exception {
    registry.register(new ScriptedType("once", Capabilities.ALL.withRetry(false),
        handle -> {
          throw new IllegalStateException("no");
        }, handle -> { }, handle -> { }));
    startEngine();
    long id = submit(chain("no-retry", single(sub("a", "once")))).dag().id();
    await(id);

    assertRefused(id, Operator.RETRY, ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_ALLOWED);
  }

  @Test
  void rollback_is_refused_when_an_earlier_node_does_not_allow_it() throws Exception {
    registerTypes();
    registry.register(new ScriptedType("permanent", Capabilities.ALL.withRollback(false),
        handle -> { }, handle -> { }, handle -> { }));
    startEngine();
    long id = submit(chain("no-rollback", single(sub("a", "permanent")),
        single(sub("b", "fails")))).dag().id();
    await(id);

    assertRefused(id, Operator.ROLLBACK, ErrorCode.TASK_DAG_OPERATOR_ROLLBACK_NOT_ALLOWED);
  }

  @Test
  void cancel_is_refused_when_a_node_up_to_the_current_one_does_not_allow_it()
      throws Exception {
    registerTypes();
    registry.register(new ScriptedType("atomic", Capabilities.ALL.withCancel(false),
        handle -> { }, handle -> { }, handle -> { }));
    startEngine();
    long id = submit(chain("no-cancel", single(sub("a", "atomic")),
        single(sub("b", "blocks")))).dag().id();
    blocking.await();

    assertRefused(id, Operator.CANCEL, ErrorCode.TASK_DAG_OPERATOR_CANCEL_NOT_ALLOWED);
    release.countDown();
    assertThat(await(id).state()).isEqualTo(TaskState.SUCCEED);
  }

  @Test
  void retry_pass_and_rollback_are_allowed_on_a_failed_dag() throws Exception {
    registerTypes();
    startEngine();
    long retried = submit(chain("r", single(sub("a", "fails")))).dag().id();
    long passed = submit(chain("p", single(sub("b", "fails")))).dag().id();
    long rolled = submit(chain("rb", single(sub("c", "fails")))).dag().id();
    await(retried);
    await(passed);
    await(rolled);

    engine.operate(retried, Operator.RETRY);
    engine.operate(passed, Operator.PASS);
    engine.operate(rolled, Operator.ROLLBACK);

    assertThat(await(retried).state()).isEqualTo(TaskState.FAILED);
    assertThat(named(graph(retried), "a").executeTimes()).isEqualTo(2);
    assertThat(await(passed).operator()).isEqualTo(Operator.PASS);
    Dag rolledBack = await(rolled);
    assertThat(rolledBack.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(rolledBack.operator()).isEqualTo(Operator.ROLLBACK);
  }

  @Test
  void an_unregistered_type_found_in_the_store_fails_its_sub_task_with_a_clear_line()
      throws Exception {
    registerTypes();
    engine = buildEngine();
    long id = submit(chain("orphan", single(sub("a", "noop")))).dag().id();
    engine.close();
    registry = new TaskRegistry();
    register(ScriptedType.noop("other"));

    startEngine();
    Dag done = await(id);

    assertThat(done.state()).isEqualTo(TaskState.FAILED);
    assertThat(lines(named(graph(id), "a").id()))
        .anySatisfy(line -> assertThat(line).contains("task type 'noop' is not registered"));
  }

  @Test
  void a_failed_rollback_can_be_rolled_back_again_without_rerunning_finished_rollbacks()
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger rollbacks = new java.util.concurrent.atomic
        .AtomicInteger();
    ScriptedType type = register(new ScriptedType("undo", Capabilities.ALL, handle -> {
      if ("b".equals(ScriptedType.who(handle))) {
        throw new IllegalStateException("b fails");
      }
    }, handle -> {
      if ("a".equals(ScriptedType.who(handle)) && rollbacks.incrementAndGet() == 1) {
        throw new IllegalStateException("first rollback of a fails");
      }
    }, handle -> { }));
    startEngine();
    long id = submit(chain("undo-twice", single(sub("a", "undo")), single(sub("b", "undo"))))
        .dag().id();
    await(id);
    engine.operate(id, Operator.ROLLBACK);
    Dag rollbackFailed = await(id);

    assertRefused(id, Operator.RETRY, ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_ALLOWED);
    assertRefused(id, Operator.PASS, ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_ALLOWED);
    engine.operate(id, Operator.ROLLBACK);
    Dag rolledBack = await(id);

    assertThat(rollbackFailed.state()).isEqualTo(TaskState.FAILED);
    assertThat(rollbackFailed.operator()).isEqualTo(Operator.ROLLBACK);
    assertThat(rollbackFailed.stage()).isEqualTo(1);
    assertThat(rolledBack.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(rolledBack.operator()).isEqualTo(Operator.ROLLBACK);
    assertThat(type.events("rollback:b")).hasSize(1);
    assertThat(type.events("rollback:a")).hasSize(2);
  }

  private void assertRefused(long id, Operator operator, ErrorCode code) {
    Map<String, Object> before = snapshot(id);
    assertThatThrownBy(() -> engine.operate(id, operator))
        .as("%s on dag %s", operator, id)
        .isInstanceOfSatisfying(DagentException.class,
            e -> assertThat(e.code()).isEqualTo(code));
    assertThat(snapshot(id)).isEqualTo(before);
  }

  private Map<String, Object> snapshot(long id) {
    DagGraph graph = graph(id);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("graph", graph);
    for (SubTask sub : graph.subTasks()) {
      List<TaskLog> logs = store.logs(sub.id());
      all.put("logs " + sub.id(), logs);
    }
    return all;
  }
}
