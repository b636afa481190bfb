package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Operator;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import io.github.dagent.store.MaintenanceLockedException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** ENGINE.md "Maintenance". */
class MaintenanceTest extends EngineFixture {
  private final CountDownLatch release = new CountDownLatch(1);

  private void registerTypes() {
    register(ScriptedType.noop("noop"));
    register(ScriptedType.of("fails", handle -> {
      throw new IllegalStateException("fails on purpose");
    }));
    register(ScriptedType.of("waits", handle -> release.await()));
  }

  private static Template maintenance(String name, Maintenance lock, NodeTemplate node) {
    return Template.builder(name).maintenance(lock).node(node).build();
  }

  @Test
  void second_global_maintenance_dag_is_refused_while_the_first_is_unfinished_then_allowed()
      throws Exception {
    registerTypes();
    startEngine();
    long first = submit(maintenance("m1", Maintenance.GLOBAL, single(sub("a", "waits"))))
        .dag().id();

    assertThatThrownBy(() -> submit(maintenance("m2", Maintenance.GLOBAL,
        single(sub("b", "noop")))))
        .isInstanceOfSatisfying(MaintenanceLockedException.class, e -> {
          assertThat(e.holderDagId()).isEqualTo(first);
          assertThat(e.code()).isEqualTo(ErrorCode.TASK_MAINTENANCE_LOCKED);
        });
    release.countDown();
    assertThat(await(first).state()).isEqualTo(TaskState.SUCCEED);
    DagGraph second = submit(maintenance("m2", Maintenance.GLOBAL, single(sub("b", "noop"))));

    assertThat(await(second.dag().id()).state()).isEqualTo(TaskState.SUCCEED);
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
  }

  @Test
  void a_failed_maintenance_dag_keeps_its_lock_stays_unfinished_until_passed() throws Exception {
    registerTypes();
    startEngine();
    long failed = submit(maintenance("m1", Maintenance.GLOBAL, single(sub("a", "fails"))))
        .dag().id();
    Dag dag = await(failed);

    assertThat(dag.state()).isEqualTo(TaskState.FAILED);
    assertThat(engine.unfinished()).extracting(Dag::id).contains(failed);
    assertThat(store.maintenanceHolder(Maintenance.tenant("t1"))).contains(failed);
    assertThatThrownBy(() -> submit(maintenance("m2", Maintenance.GLOBAL,
        single(sub("b", "noop"))))).isInstanceOf(MaintenanceLockedException.class);
    engine.operate(failed, Operator.PASS);
    long second = submit(maintenance("m2", Maintenance.GLOBAL, single(sub("b", "noop"))))
        .dag().id();

    assertThat(engine.unfinished()).extracting(Dag::id).doesNotContain(failed);
    assertThat(await(second).state()).isEqualTo(TaskState.SUCCEED);
  }

  @Test
  void a_cancelled_maintenance_dag_releases_its_lock_and_leaves_the_unfinished_list()
      throws Exception {
    registerTypes();
    startEngine();
    long failed = submit(maintenance("m1", Maintenance.GLOBAL, single(sub("a", "fails"))))
        .dag().id();
    await(failed);

    engine.operate(failed, Operator.CANCEL);

    assertThat(store.findDag(failed).orElseThrow().operator()).isEqualTo(Operator.CANCEL);
    assertThat(engine.unfinished()).extracting(Dag::id).doesNotContain(failed);
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
    long second = submit(maintenance("m2", Maintenance.GLOBAL, single(sub("b", "noop"))))
        .dag().id();
    assertThat(await(second).state()).isEqualTo(TaskState.SUCCEED);
  }

  @Test
  void a_tenant_lock_blocks_the_same_tenant_and_the_global_lock_only() throws Exception {
    registerTypes();
    startEngine();
    long t1 = submit(maintenance("t1", Maintenance.tenant("t1"), single(sub("a", "waits"))))
        .dag().id();

    long t2 = submit(maintenance("t2", Maintenance.tenant("t2"), single(sub("b", "noop"))))
        .dag().id();
    assertThatThrownBy(() -> submit(maintenance("t1 again", Maintenance.tenant("t1"),
        single(sub("c", "noop"))))).isInstanceOf(MaintenanceLockedException.class);
    assertThatThrownBy(() -> submit(maintenance("global", Maintenance.GLOBAL,
        single(sub("d", "noop"))))).isInstanceOf(MaintenanceLockedException.class);
    release.countDown();

    assertThat(await(t2).state()).isEqualTo(TaskState.SUCCEED);
    assertThat(await(t1).state()).isEqualTo(TaskState.SUCCEED);
  }

  @Test
  void a_successful_rollback_releases_the_lock() throws Exception {
    registerTypes();
    startEngine();
    long id = submit(maintenance("m1", Maintenance.GLOBAL, single(sub("a", "fails"))))
        .dag().id();
    await(id);

    engine.operate(id, Operator.ROLLBACK);
    Dag rolledBack = await(id);

    assertThat(rolledBack.state()).isEqualTo(TaskState.SUCCEED);
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).isEmpty();
  }

  @Test
  void fc08_an_old_maintenance_dag_cannot_take_the_lock_back() throws Exception {
    registerTypes();
    startEngine();
    long d1 = submit(maintenance("d1", Maintenance.GLOBAL, single(sub("a", "fails"))))
        .dag().id();
    await(d1);
    engine.operate(d1, Operator.CANCEL);
    long d2 = submit(maintenance("d2", Maintenance.GLOBAL, single(sub("b", "waits"))))
        .dag().id();
    DagGraph before = graph(d1);

    assertThatThrownBy(() -> engine.operate(d1, Operator.RETRY))
        .isInstanceOf(MaintenanceLockedException.class)
        .hasMessageContaining("dag " + d2);
    assertThatThrownBy(() -> engine.operate(d1, Operator.ROLLBACK))
        .isInstanceOf(MaintenanceLockedException.class)
        .hasMessageContaining("dag " + d2);

    assertThat(graph(d1)).isEqualTo(before);
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).contains(d2);
    release.countDown();
    assertThat(await(d2).state()).isEqualTo(TaskState.SUCCEED);
    engine.operate(d1, Operator.RETRY);
    assertThat(await(d1).state()).isEqualTo(TaskState.FAILED);
    assertThat(store.maintenanceHolder(Maintenance.GLOBAL)).contains(d1);
  }
}
