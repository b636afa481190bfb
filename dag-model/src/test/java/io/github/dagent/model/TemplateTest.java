package io.github.dagent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Templates: what a caller builds, what it may not build, and how two templates merge. */
class TemplateTest {

  @Test
  void builder_keeps_nodes_in_stage_order_with_agent_scope_and_no_lock_by_default() {
    Template template = Template.builder("Scale out")
        .node(NodeTemplate.single("first", "check"))
        .node(NodeTemplate.parallel("second", List.of(
            SubTaskTemplate.of("on a", "deploy"), SubTaskTemplate.of("on b", "deploy"))))
        .build();

    assertThat(template.scope()).isEqualTo(Scope.AGENT);
    assertThat(template.maintenance()).isEqualTo(Maintenance.NONE);
    assertThat(template.nodes()).extracting(NodeTemplate::name).containsExactly("first",
        "second");
    assertThat(template.nodes().get(1).taskType()).isEqualTo("deploy");
    assertThat(template.nodes().get(1).subTasks()).hasSize(2);
  }

  @Test
  void template_with_zero_nodes_is_refused_naming_the_template() {
    expectTemplateError(() -> Template.builder("Empty one").build())
        .hasMessageContaining("'Empty one'")
        .hasMessageContaining("no node");
  }

  @Test
  void node_mixing_task_types_is_refused_naming_node_and_types() {
    expectTemplateError(() -> NodeTemplate.parallel("deploy all", List.of(
        SubTaskTemplate.of("a", "deploy"), SubTaskTemplate.of("b", "start"))))
        .hasMessageContaining("'deploy all'")
        .hasMessageContaining("'deploy'")
        .hasMessageContaining("'start'");
  }

  @Test
  void non_parallel_node_with_two_sub_tasks_is_refused_naming_the_node() {
    expectTemplateError(() -> new NodeTemplate("two of them", false, List.of(
        SubTaskTemplate.of("a", "deploy"), SubTaskTemplate.of("b", "deploy"))))
        .hasMessageContaining("'two of them'")
        .hasMessageContaining("not parallel")
        .hasMessageContaining("2 sub-tasks");
  }

  @Test
  void node_without_sub_tasks_is_refused_naming_the_node() {
    expectTemplateError(() -> NodeTemplate.parallel("nothing", List.of()))
        .hasMessageContaining("'nothing'")
        .hasMessageContaining("no sub-task");
  }

  @Test
  void blank_names_are_refused_naming_what_is_blank() {
    NodeTemplate node = NodeTemplate.single("n", "t");

    expectTemplateError(() -> Template.builder(" ").node(node).build())
        .hasMessageContaining("template name must not be blank");
    expectTemplateError(() -> Template.builder(null).node(node).build())
        .hasMessageContaining("template name must not be blank");
    expectTemplateError(() -> NodeTemplate.single("", "t"))
        .hasMessageContaining("node name must not be blank");
    expectTemplateError(() -> SubTaskTemplate.of("\t", "t"))
        .hasMessageContaining("sub-task name must not be blank");
    expectTemplateError(() -> SubTaskTemplate.of("deploy a", " "))
        .hasMessageContaining("task type of sub-task 'deploy a' must not be blank");
  }

  @Test
  void merged_template_runs_the_later_nodes_after_the_earlier_ones() {
    Template earlier = Template.builder("Upgrade").scope(Scope.CLUSTER)
        .node(NodeTemplate.single("stop", "stop")).build();
    Template later = Template.builder("Restart").scope(Scope.CLUSTER)
        .node(NodeTemplate.single("start", "start"))
        .node(NodeTemplate.single("check", "check")).build();

    Template merged = earlier.merge(later);

    assertThat(merged.name()).isEqualTo("Upgrade");
    assertThat(merged.scope()).isEqualTo(Scope.CLUSTER);
    assertThat(merged.nodes()).extracting(NodeTemplate::name)
        .containsExactly("stop", "start", "check");
  }

  @Test
  void merging_templates_merges_their_locks_two_different_tenants_to_global() {
    Template a = lockedTemplate("a", Maintenance.tenant("t1"));
    Template b = lockedTemplate("b", Maintenance.tenant("t2"));
    Template c = lockedTemplate("c", Maintenance.NONE);

    assertThat(a.merge(b).maintenance()).isEqualTo(Maintenance.GLOBAL);
    assertThat(a.merge(c).maintenance()).isEqualTo(Maintenance.tenant("t1"));
    assertThat(c.merge(a).maintenance()).isEqualTo(Maintenance.tenant("t1"));
    assertThat(a.merge(a).maintenance()).isEqualTo(Maintenance.tenant("t1"));
  }

  @Test
  void merging_templates_of_different_scopes_is_refused_naming_both() {
    Template cluster = Template.builder("on cluster").scope(Scope.CLUSTER)
        .node(NodeTemplate.single("n", "t")).build();
    Template agent = Template.builder("on agent").node(NodeTemplate.single("n", "t")).build();

    expectTemplateError(() -> cluster.merge(agent))
        .hasMessageContaining("'on cluster'")
        .hasMessageContaining("'on agent'");
  }

  @Test
  void template_parts_are_copies_that_later_changes_do_not_reach() {
    List<NodeTemplate> nodes = new ArrayList<>(List.of(NodeTemplate.single("n", "t")));
    Template template = new Template("copy", Scope.AGENT, Maintenance.NONE, nodes);

    nodes.add(NodeTemplate.single("m", "t"));

    assertThat(template.nodes()).hasSize(1);
    assertThatThrownBy(() -> template.nodes().add(NodeTemplate.single("x", "t")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sub_task_template_defaults_to_every_operator_on_the_creating_agent() {
    AgentAddress agent = new AgentAddress("127.0.0.1", 2886);

    SubTaskTemplate subTask = SubTaskTemplate.of("s", "t")
        .withParams(Map.of("timeout", 5))
        .withCapabilities(Capabilities.NONE.withRetry(true))
        .on(agent);

    assertThat(SubTaskTemplate.of("s", "t").capabilities()).isEqualTo(Capabilities.ALL);
    assertThat(SubTaskTemplate.of("s", "t").executeAgent()).isEmpty();
    assertThat(subTask.executeAgent()).contains(agent);
    assertThat(subTask.params()).containsEntry("timeout", 5);
    assertThat(subTask.capabilities().canRetry()).isTrue();
    assertThat(subTask.capabilities().canPass()).isFalse();
  }

  @Test
  void capability_bits_round_trip() {
    for (int bits = 0; bits < 32; bits++) {
      assertThat(Capabilities.fromBits(bits).bits()).isEqualTo(bits);
    }
    assertThat(Capabilities.ALL.bits()).isEqualTo(31);
    assertThat(Capabilities.NONE.withCancel(true).withRollback(true).bits()).isEqualTo(17);
  }

  private static Template lockedTemplate(String name, Maintenance lock) {
    return Template.builder(name).scope(Scope.CLUSTER).maintenance(lock)
        .node(NodeTemplate.single(name, "t")).build();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> expectTemplateError(
      ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID));
  }
}
