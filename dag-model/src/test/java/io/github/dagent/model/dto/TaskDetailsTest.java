package io.github.dagent.model.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code additional_data} visibility rule and the other per-field rules of PROTOCOL.md
 * section 2, through {@link TaskDetails}: the object asked about shows the merge of its
 * children's data, the children embedded in it show null.
 */
class TaskDetailsTest {
  private static final AgentAddress AGENT = new AgentAddress("127.0.0.1", 2886);
  private static final Instant CREATED = Instant.parse("2024-01-10T03:34:22.5Z");
  private static final TaskDetails DETAILS = new TaskDetails(ZoneOffset.UTC);
  private static final ObjectMapper MAPPER = WireJson.mapper();

  @Test
  void dag_shows_the_merge_of_all_its_sub_tasks_and_embedded_objects_show_null() {
    DagGraph graph = graph(Scope.CLUSTER,
        subTask(1, 1, 1, Map.of("hosts", List.of("a"), "step", 1)),
        subTask(2, 2, 1, Map.of("hosts", List.of("b"), "step", 2)),
        subTask(3, 2, 1, Map.of("extra", Map.of("k", true))));

    DagDetailDTO dag = DETAILS.dag(graph, Map.of(), true);

    assertThat(dag.additionalData()).isEqualTo(Map.of(
        "hosts", List.of("a", "b"), "step", 2, "extra", Map.of("k", true)));
    assertThat(dag.nodes()).hasSize(2).allSatisfy(node -> {
      assertThat(node.additionalData()).isNull();
      assertThat(node.subTasks()).allSatisfy(task -> assertThat(task.additionalData()).isNull());
    });
  }

  @Test
  void dag_without_any_data_shows_an_empty_object_not_null() {
    DagGraph graph = graph(Scope.CLUSTER, subTask(1, 1, 0, Map.of()));

    JsonNode dag = MAPPER.valueToTree(DETAILS.dag(graph, Map.of(), true));

    assertThat(dag.get("additional_data").isObject()).isTrue();
    assertThat(dag.get("additional_data").size()).isZero();
  }

  @Test
  void dag_without_details_shows_merged_data_and_null_nodes() {
    DagGraph graph = graph(Scope.CLUSTER, subTask(1, 1, 1, Map.of("k", 1)));

    DagDetailDTO dag = DETAILS.dag(graph, Map.of(), false);

    assertThat(dag.nodes()).isNull();
    assertThat(dag.additionalData()).isEqualTo(Map.of("k", 1));
  }

  @Test
  void node_asked_for_directly_shows_its_sub_tasks_merge_and_they_show_null() {
    DagGraph graph = graph(Scope.CLUSTER,
        subTask(1, 1, 1, Map.of("other node", true)),
        subTask(2, 2, 1, Map.of("l", List.of(1))),
        subTask(3, 2, 1, Map.of("l", List.of(2))));
    Node node = graph.nodeAt(2).orElseThrow();

    NodeDetailDTO dto = DETAILS.node(graph.dag(), node, graph.subTasksOf(node.id()), Map.of(),
        true);

    assertThat(dto.id()).isEqualTo("12");
    assertThat(dto.additionalData()).isEqualTo(Map.of("l", List.of(1, 2)));
    assertThat(dto.subTasks()).extracting(TaskDetailDTO::taskId).containsExactly(2L, 3L);
    assertThat(dto.subTasks()).allSatisfy(task -> assertThat(task.additionalData()).isNull());
  }

  @Test
  void node_without_details_shows_null_sub_tasks() {
    DagGraph graph = graph(Scope.CLUSTER, subTask(1, 1, 1, Map.of()));
    Node node = graph.nodes().get(0);

    NodeDetailDTO dto = DETAILS.node(graph.dag(), node, graph.subTasksOf(1), Map.of(), false);

    assertThat(dto.subTasks()).isNull();
    assertThat(dto.additionalData()).isEmpty();
  }

  @Test
  void sub_task_asked_for_directly_shows_its_own_data() {
    SubTask task = subTask(1, 1, 1, Map.of("own", "yes"));
    DagGraph graph = graph(Scope.CLUSTER, task, subTask(2, 1, 1, Map.of("own", "other")));

    TaskDetailDTO dto = DETAILS.subTask(graph.dag(), task, List.of());

    assertThat(dto.additionalData()).isEqualTo(Map.of("own", "yes"));
  }

  @Test
  void task_logs_null_before_first_run() {
    SubTask pending = subTask(1, 1, 0, Map.of());

    TaskDetailDTO dto = DETAILS.subTask(graph(Scope.CLUSTER, pending).dag(), pending, List.of());

    assertThat(dto.taskLogs()).isNull();
  }

  @Test
  void task_logs_empty_list_when_it_ran_without_logging() {
    SubTask ran = subTask(1, 1, 1, Map.of());

    TaskDetailDTO dto = DETAILS.subTask(graph(Scope.CLUSTER, ran).dag(), ran, List.of());

    assertThat(dto.taskLogs()).isNotNull().isEmpty();
  }

  @Test
  void task_logs_are_the_lines_oldest_first_across_runs() {
    SubTask ran = subTask(7, 1, 2, Map.of());
    DagGraph graph = graph(Scope.CLUSTER, ran);
    List<TaskLog> logs = List.of(new TaskLog(7, 1, "first run", CREATED),
        new TaskLog(7, 2, "second run", CREATED.plusSeconds(1)));

    DagDetailDTO dag = DETAILS.dag(graph, Map.of(7L, logs), true);

    assertThat(dag.nodes().get(0).subTasks().get(0).taskLogs())
        .containsExactly("first run", "second run");
  }

  @Test
  void conflicting_data_of_two_sub_tasks_is_a_typed_error_naming_the_key() {
    DagGraph graph = graph(Scope.CLUSTER,
        subTask(1, 1, 1, Map.of("progress", Map.of("done", 3))),
        subTask(2, 2, 1, Map.of("progress", Map.of("done", List.of(3)))));

    assertThatThrownBy(() -> DETAILS.dag(graph, Map.of(), true))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_ADDITIONAL_DATA_CONFLICT))
        .hasMessageContaining("'progress.done'");
  }

  @Test
  void every_key_is_written_even_when_null() throws Exception {
    SubTask pending = subTask(1, 1, 0, Map.of());
    DagGraph graph = graph(Scope.CLUSTER, pending);

    JsonNode dag = MAPPER.valueToTree(DETAILS.dag(graph, Map.of(), false));
    JsonNode node = MAPPER.valueToTree(DETAILS.node(graph.dag(), graph.nodes().get(0),
        List.of(pending), Map.of(), false));
    JsonNode task = MAPPER.readTree(MAPPER.writeValueAsString(
        new TaskDetailDTO("11", 1, "n", "PENDING", "RUN", null, null, null, 0, null, null)));

    assertThat(names(dag)).containsExactly("id", "dag_id", "name", "stage", "max_stage",
        "maintenance_type", "maintenance_key", "state", "operator", "start_time", "end_time",
        "additional_data", "nodes");
    assertThat(dag.get("nodes").isNull()).isTrue();
    assertThat(names(node)).containsExactly("id", "node_id", "name", "state", "operator",
        "start_time", "end_time", "additional_data", "sub_tasks");
    assertThat(node.get("sub_tasks").isNull()).isTrue();
    assertThat(names(task)).containsExactly("id", "task_id", "name", "state", "operator",
        "start_time", "end_time", "additional_data", "execute_times", "execute_agent",
        "task_logs");
    assertThat(task.get("start_time").isNull()).isTrue();
  }

  @Test
  void agent_scope_nodes_and_sub_tasks_share_their_dags_agent_prefix() {
    SubTask task = subTask(9, 9, 1, Map.of());
    DagGraph graph = graph(Scope.AGENT, task);

    DagDetailDTO dag = DETAILS.dag(graph, Map.of(), true);

    assertThat(dag.id()).isEqualTo("2" + "2130706433" + "02886" + "1");
    assertThat(dag.nodes().get(0).id()).isEqualTo("22130706433028869");
    assertThat(dag.nodes().get(0).subTasks().get(0).id()).isEqualTo("22130706433028869");
  }

  @Test
  void state_operator_and_maintenance_are_written_as_the_protocol_names_them() {
    Dag dag = new Dag(3, "d", Scope.CLUSTER, AGENT, 1, 1, TaskState.FAILED, Operator.ROLLBACK,
        Maintenance.tenant("t1"), CREATED, CREATED.plusMillis(1500), TaskContext.EMPTY);
    DagGraph graph = new DagGraph(dag, List.of(node(1)), List.of(subTask(1, 1, 1, Map.of())));

    DagDetailDTO dto = DETAILS.dag(graph, Map.of(), true);

    assertThat(dto.state()).isEqualTo("FAILED");
    assertThat(dto.operator()).isEqualTo("ROLLBACK");
    assertThat(dto.maintenanceType()).isEqualTo(2);
    assertThat(dto.maintenanceKey()).isEqualTo("t1");
    assertThat(dto.startTime()).isEqualTo("2024-01-10T03:34:22.5Z");
    assertThat(dto.endTime()).isEqualTo("2024-01-10T03:34:24Z");
  }

  @Test
  void log_rows_carry_the_run_and_the_time() {
    TaskLogDTO row = DETAILS.log(new TaskLog(4, 2, "retry stage: 2 successfully", CREATED));

    assertThat(row).isEqualTo(new TaskLogDTO(4, 2, "retry stage: 2 successfully",
        "2024-01-10T03:34:22.5Z"));
  }

  private static DagGraph graph(Scope scope, SubTask... subTasks) {
    int maxStage = 0;
    for (SubTask subTask : subTasks) {
      maxStage = Math.max(maxStage, subTask.stage());
    }
    Dag dag = new Dag(1, "d", scope, AGENT, 1, maxStage, TaskState.RUNNING, Operator.RUN,
        Maintenance.NONE, CREATED, CREATED, TaskContext.EMPTY);
    List<Node> nodes = List.of(subTasks).stream().map(SubTask::nodeId).distinct()
        .map(TaskDetailsTest::node).toList();
    return new DagGraph(dag, nodes, List.of(subTasks));
  }

  private static Node node(long id) {
    return new Node(id, 1, (int) id, "node " + id, "t", true, TaskState.RUNNING, Operator.RUN,
        CREATED, CREATED, TaskContext.EMPTY);
  }

  private static SubTask subTask(long id, long nodeId, int executeTimes,
      Map<String, Object> data) {
    return new SubTask(id, nodeId, 1, (int) nodeId, "task " + id, "t", TaskState.RUNNING,
        Operator.RUN, CREATED, CREATED, AGENT, executeTimes, Capabilities.ALL,
        TaskContext.EMPTY, data);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
