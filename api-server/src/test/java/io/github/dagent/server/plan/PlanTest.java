package io.github.dagent.server.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.server.task.BuiltInTaskTypes;
import io.github.dagent.server.task.PlannedTaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanTest {
  private static final List<PlannedTaskType> TYPES = BuiltInTaskTypes.all(Path.of("/tmp"));

  private static final String FULL = """
      {"name": "Cluster scale out", "scope": "cluster",
       "maintenance": {"type": "tenant", "key": "t1"},
       "params": {"workdir": "/tmp/x", "timeout": 60},
       "nodes": [
         {"name": "Write config", "type": "shell",
          "tasks": [{"params": {"command": "echo a", "rollback": "rm a"}}]},
         {"name": "Wait", "type": "sleep", "parallel": true,
          "tasks": [{"name": "w1", "params": {"seconds": 1}},
                    {"name": "w2", "params": {"seconds": 2}}],
          "flags": {"retry": false, "rollback": true}}
       ]}
      """;

  @Test
  void a_full_plan_becomes_a_template_and_the_dag_params() {
    Plan plan = Plan.parse(FULL, TYPES);

    assertThat(plan.template().name()).isEqualTo("Cluster scale out");
    assertThat(plan.template().scope()).isEqualTo(Scope.CLUSTER);
    assertThat(plan.template().maintenance()).isEqualTo(Maintenance.tenant("t1"));
    assertThat(plan.context().params()).containsEntry("workdir", "/tmp/x");
    List<NodeTemplate> nodes = plan.template().nodes();
    assertThat(nodes).extracting(NodeTemplate::name).containsExactly("Write config", "Wait");
    SubTaskTemplate first = nodes.get(0).subTasks().get(0);
    assertThat(first.name()).isEqualTo("Write config");
    assertThat(first.taskType()).isEqualTo("shell");
    assertThat(first.params()).containsEntry("command", "echo a");
    assertThat(first.capabilities().canRollback()).isTrue();
    assertThat(first.capabilities().canContinue()).isFalse();
    assertThat(nodes.get(1).parallel()).isTrue();
    assertThat(nodes.get(1).subTasks()).extracting(SubTaskTemplate::name)
        .containsExactly("w1", "w2");
    assertThat(nodes.get(1).subTasks().get(0).capabilities().canRetry()).isFalse();
  }

  @Test
  void the_scale_out_example_is_a_valid_nine_stage_global_maintenance_plan() throws Exception {
    String json = Files.readString(Path.of("..", "examples", "scale-out.json"));

    Plan plan = Plan.parse(json, TYPES);

    assertThat(plan.template().name()).isEqualTo("Cluster scale out");
    assertThat(plan.template().nodes()).hasSize(9);
    assertThat(plan.template().maintenance()).isEqualTo(Maintenance.GLOBAL);
    assertThat(plan.template().nodes()).allMatch(node -> node.subTasks().get(0)
        .capabilities().canRollback());
  }

  @Test
  void defaults_are_agent_scope_no_maintenance_and_shell_without_rollback() {
    Plan plan = Plan.parse("""
        {"name": "n", "nodes": [{"name": "a", "type": "shell",
          "tasks": [{"params": {"command": "true"}}]}]}
        """, TYPES);

    assertThat(plan.template().scope()).isEqualTo(Scope.AGENT);
    assertThat(plan.template().maintenance()).isEqualTo(Maintenance.NONE);
    SubTaskTemplate task = plan.template().nodes().get(0).subTasks().get(0);
    assertThat(task.capabilities().canRetry()).isTrue();
    assertThat(task.capabilities().canPass()).isTrue();
    assertThat(task.capabilities().canRollback()).isFalse();
  }

  @Test
  void a_flag_can_allow_rollback_of_a_shell_stage_without_a_rollback_command() {
    Plan plan = Plan.parse("""
        {"name": "n", "nodes": [{"name": "a", "type": "shell", "flags": {"rollback": true},
          "tasks": [{"params": {"command": "true"}}]}]}
        """, TYPES);

    assertThat(plan.template().nodes().get(0).subTasks().get(0).capabilities().canRollback())
        .isTrue();
  }

  @Test
  void the_dag_params_count_when_checking_a_task() {
    Plan.parse("""
        {"name": "n", "params": {"seconds": 1},
         "nodes": [{"name": "a", "type": "sleep", "tasks": [{}]}]}
        """, TYPES);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty nodes            | {"name":"n","nodes":[]}                              | nodes
      missing nodes          | {"name":"n"}                                         | nodes
      nodes not a list       | {"name":"n","nodes":{}}                              | nodes
      missing name           | {"nodes":[]}                                         | name
      name not a string      | {"name":5,"nodes":[]}                                | name
      not an object          | []                                                   | plan
      not JSON               | {"name":                                             | plan
      empty document         | ''                                                   | plan
      unknown type           | {"name":"n","nodes":[{"name":"a","type":"ssh","tasks":[{}]}]} \
      | nodes[0].type
      unknown field          | {"name":"n","nodes":[{"name":"a","type":"sleep","paralel":true,\
      "tasks":[{"params":{"seconds":1}}]}]} | nodes[0].paralel
      parallel not a boolean | {"name":"n","nodes":[{"name":"a","type":"sleep","parallel":"yes",\
      "tasks":[{"params":{"seconds":1}}]}]} | nodes[0].parallel
      negative timeout       | {"name":"n","nodes":[{"name":"a","type":"sleep",\
      "tasks":[{"params":{"seconds":1,"timeout":-5}}]}]} | nodes[0].tasks[0].params.timeout
      fractional dag timeout | {"name":"n","params":{"timeout":1.5},"nodes":[{"name":"a",\
      "type":"sleep","tasks":[{"params":{"seconds":1}}]}]} | params.timeout
      params not an object   | {"name":"n","params":[1],"nodes":[]}                 | params
      missing command        | {"name":"n","nodes":[{"name":"a","type":"shell","tasks":[{}]}]} \
      | nodes[0].tasks[0].params.command
      command not a string   | {"name":"n","nodes":[{"name":"a","type":"shell",\
      "tasks":[{"params":{"command":["ls"]}}]}]} | nodes[0].tasks[0].params.command
      no tasks               | {"name":"n","nodes":[{"name":"a","type":"shell"}]}   | nodes[0].tasks
      two tasks not parallel | {"name":"n","nodes":[{"name":"a","type":"sleep",\
      "tasks":[{"params":{"seconds":1}},{"params":{"seconds":1}}]}]} | nodes[0].tasks
      shell may not continue | {"name":"n","nodes":[{"name":"a","type":"shell",\
      "flags":{"continue":true},"tasks":[{"params":{"command":"true"}}]}]} \
      | nodes[0].flags.continue
      flag not a boolean     | {"name":"n","nodes":[{"name":"a","type":"sleep",\
      "flags":{"retry":1},"tasks":[{"params":{"seconds":1}}]}]} | nodes[0].flags.retry
      shell param with NUL   | {"name":"n","nodes":[{"name":"a","type":"shell",\
      "tasks":[{"params":{"command":"true","v":"a\\u0000b"}}]}]} | nodes[0].tasks[0].params.v
      shell params collide   | {"name":"n","params":{"a-b":1},"nodes":[{"name":"a",\
      "type":"shell","tasks":[{"params":{"command":"true","a_b":2}}]}]} \
      | nodes[0].tasks[0].params.a_b
      bad scope              | {"name":"n","scope":"planet","nodes":[]}             | scope
      bad maintenance type   | {"name":"n","maintenance":{"type":"all"},"nodes":[]} \
      | maintenance.type
      tenant without key     | {"name":"n","maintenance":{"type":"tenant"},"nodes":[]} \
      | maintenance.key
      key without tenant     | {"name":"n","maintenance":{"type":"global","key":"t"},"nodes":[]} \
      | maintenance.key
      """)
  void an_invalid_plan_is_refused_naming_the_field(String why, String json, String field) {
    assertThatThrownBy(() -> Plan.parse(json, TYPES))
        .as(why)
        .isInstanceOfSatisfying(DagentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID))
        .hasMessageStartingWith(field + " ");
  }
}
