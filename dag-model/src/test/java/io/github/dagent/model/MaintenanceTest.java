package io.github.dagent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The maintenance rules of ENGINE.md "Maintenance", one test per rule. */
class MaintenanceTest {
  private static final Maintenance TENANT_A = Maintenance.tenant("a");
  private static final Maintenance TENANT_B = Maintenance.tenant("b");
  private static final Instant CREATED = Instant.parse("2024-01-10T03:34:22Z");

  @Test
  void global_lock_blocks_every_maintenance_dag() {
    assertThat(Maintenance.GLOBAL.conflictsWith(Maintenance.GLOBAL)).isTrue();
    assertThat(Maintenance.GLOBAL.conflictsWith(TENANT_A)).isTrue();
    assertThat(TENANT_A.conflictsWith(Maintenance.GLOBAL)).isTrue();
  }

  @Test
  void tenant_lock_blocks_same_tenant_and_global() {
    assertThat(TENANT_A.conflictsWith(Maintenance.tenant("a"))).isTrue();
    assertThat(TENANT_A.conflictsWith(Maintenance.GLOBAL)).isTrue();
    assertThat(TENANT_A.conflictsWith(TENANT_B)).isFalse();
    assertThat(TENANT_B.conflictsWith(TENANT_A)).isFalse();
  }

  @Test
  void dag_without_maintenance_is_never_blocked_and_blocks_nothing() {
    for (Maintenance lock : new Maintenance[] {Maintenance.GLOBAL, TENANT_A, Maintenance.NONE}) {
      assertThat(Maintenance.NONE.conflictsWith(lock)).isFalse();
      assertThat(lock.conflictsWith(Maintenance.NONE)).isFalse();
    }
    assertThat(Maintenance.NONE.isHeld()).isFalse();
  }

  @Test
  void merge_of_none_with_a_lock_is_that_lock() {
    assertThat(Maintenance.NONE.merge(TENANT_A)).isEqualTo(TENANT_A);
    assertThat(TENANT_A.merge(Maintenance.NONE)).isEqualTo(TENANT_A);
    assertThat(Maintenance.NONE.merge(Maintenance.GLOBAL)).isEqualTo(Maintenance.GLOBAL);
    assertThat(Maintenance.NONE.merge(Maintenance.NONE)).isEqualTo(Maintenance.NONE);
  }

  @Test
  void same_tenant_twice_merges_to_that_tenant() {
    assertThat(TENANT_A.merge(Maintenance.tenant("a"))).isEqualTo(TENANT_A);
  }

  @Test
  void two_different_tenants_merge_to_global() {
    assertThat(TENANT_A.merge(TENANT_B)).isEqualTo(Maintenance.GLOBAL);
    assertThat(TENANT_B.merge(TENANT_A)).isEqualTo(Maintenance.GLOBAL);
  }

  @Test
  void global_merged_with_anything_stays_global() {
    assertThat(Maintenance.GLOBAL.merge(TENANT_A)).isEqualTo(Maintenance.GLOBAL);
    assertThat(TENANT_A.merge(Maintenance.GLOBAL)).isEqualTo(Maintenance.GLOBAL);
    assertThat(Maintenance.GLOBAL.merge(Maintenance.NONE)).isEqualTo(Maintenance.GLOBAL);
  }

  @Test
  void maintenance_dag_that_fails_keeps_its_lock_and_stays_unfinished() {
    assertThat(dag(TaskState.FAILED, Maintenance.GLOBAL).isUnfinished()).isTrue();
    assertThat(dag(TaskState.FAILED, TENANT_A).isUnfinished()).isTrue();
    assertThat(dag(TaskState.FAILED, Maintenance.NONE).isUnfinished()).isFalse();
  }

  @Test
  void cancelled_maintenance_dag_released_its_lock_and_is_finished() {
    Dag cancelled = dag(TaskState.FAILED, Maintenance.GLOBAL).with(TaskState.FAILED,
        Operator.CANCEL);

    assertThat(cancelled.isUnfinished()).isFalse();
  }

  @Test
  void dag_is_unfinished_until_it_succeeds() {
    for (TaskState state : new TaskState[] {TaskState.READY, TaskState.RUNNING,
        TaskState.PENDING}) {
      assertThat(dag(state, Maintenance.NONE).isUnfinished()).as(state.name()).isTrue();
    }
    assertThat(dag(TaskState.SUCCEED, Maintenance.GLOBAL).isUnfinished()).isFalse();
  }

  @Test
  void tenant_lock_without_key_is_a_template_error() {
    for (String key : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> Maintenance.tenant(key))
          .as(String.valueOf(key))
          .isInstanceOfSatisfying(DagentException.class, e ->
              assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID))
          .hasMessageContaining("tenant maintenance lock needs the tenant name");
    }
  }

  @Test
  void key_on_a_lock_other_than_tenant_is_a_template_error_naming_the_key() {
    assertThatThrownBy(() -> new Maintenance(MaintenanceKind.GLOBAL, "t1"))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID))
        .hasMessageContaining("'t1'")
        .hasMessageContaining("GLOBAL");
  }

  @Test
  void maintenance_type_codes_are_0_none_1_global_2_tenant() {
    assertThat(MaintenanceKind.NONE.code()).isZero();
    assertThat(MaintenanceKind.GLOBAL.code()).isEqualTo(1);
    assertThat(MaintenanceKind.TENANT.code()).isEqualTo(2);
    for (MaintenanceKind kind : MaintenanceKind.values()) {
      assertThat(MaintenanceKind.fromCode(kind.code())).isEqualTo(kind);
    }
    assertThatThrownBy(() -> MaintenanceKind.fromCode(3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
  }

  private static Dag dag(TaskState state, Maintenance maintenance) {
    return new Dag(1, "d", Scope.CLUSTER, new AgentAddress("127.0.0.1", 2886), 1, 1, state,
        Operator.RUN, maintenance, CREATED, CREATED, TaskContext.EMPTY);
  }
}
