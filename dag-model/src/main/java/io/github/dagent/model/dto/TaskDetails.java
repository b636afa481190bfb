package io.github.dagent.model.dto;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.GenericId;
import io.github.dagent.model.JsonValues;
import io.github.dagent.model.Node;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns stored dags, nodes, sub-tasks and logs into the DTOs clients read, applying the
 * {@code additional_data} visibility rule: the object asked about shows the merge of its
 * children's data, the children embedded in it show null.
 *
 * <p>Nodes and sub-tasks are shown under their dag's scope and agent, so node 3 of a cluster
 * dag is {@code "13"}. Thread-safe.
 */
public final class TaskDetails {
  private final ZoneId zone;

  /** @param zone the server's zone, whose offset every time is written with */
  public TaskDetails(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * @param graph the dag with its nodes and sub-tasks
   * @param logs log lines by sub-task id, oldest first; a sub-task without an entry has none
   * @param details whether to fill {@code nodes}
   * @return the dag's DTO; {@code additional_data} is the merge of every sub-task's data
   * @throws io.github.dagent.model.DagentException when sub-tasks' data cannot merge
   */
  public DagDetailDTO dag(DagGraph graph, Map<Long, List<TaskLog>> logs, boolean details) {
    Dag dag = graph.dag();
    GenericId where = dag.genericId();
    List<NodeDetailDTO> nodes = details
        ? graph.nodes().stream()
            .map(node -> embeddedNode(where, node, graph.subTasksOf(node.id()), logs))
            .toList()
        : null;
    return new DagDetailDTO(where.toString(), dag.id(), dag.name(), dag.stage(),
        dag.maxStage(), dag.maintenance().kind().code(), dag.maintenance().key(),
        dag.state().name(), dag.operator().name(), time(dag.startTime()),
        time(dag.endTime()), merged(graph.subTasks()), nodes);
  }

  /**
   * A node asked for directly.
   *
   * @param dag the node's dag, whose scope names the node
   * @param node the node
   * @param subTasks its sub-tasks
   * @param logs log lines by sub-task id
   * @param details whether to fill {@code sub_tasks}
   * @return the node's DTO with its sub-tasks' merged data
   */
  public NodeDetailDTO node(Dag dag, Node node, List<SubTask> subTasks,
      Map<Long, List<TaskLog>> logs, boolean details) {
    return nodeDto(dag.genericId(), node, subTasks, logs, details, merged(subTasks));
  }

  /**
   * A sub-task asked for directly.
   *
   * @param dag the sub-task's dag
   * @param subTask the sub-task
   * @param logs its log lines, oldest first
   * @return the sub-task's DTO with its own data
   */
  public TaskDetailDTO subTask(Dag dag, SubTask subTask, List<TaskLog> logs) {
    return subTaskDto(dag.genericId(), subTask, logs, subTask.additionalData());
  }

  /**
   * @param log one stored line
   * @return the row the logs route lists
   */
  public TaskLogDTO log(TaskLog log) {
    return new TaskLogDTO(log.subTaskId(), log.executeTimes(), log.text(), time(log.time()));
  }

  private NodeDetailDTO embeddedNode(GenericId where, Node node, List<SubTask> subTasks,
      Map<Long, List<TaskLog>> logs) {
    return nodeDto(where, node, subTasks, logs, true, null);
  }

  private NodeDetailDTO nodeDto(GenericId where, Node node, List<SubTask> subTasks,
      Map<Long, List<TaskLog>> logs, boolean details, Map<String, Object> data) {
    List<TaskDetailDTO> tasks = details
        ? subTasks.stream()
            .map(subTask -> subTaskDto(where, subTask, logs.getOrDefault(subTask.id(), List.of()),
                null))
            .toList()
        : null;
    return new NodeDetailDTO(where.withId(node.id()).toString(), node.id(), node.name(),
        node.state().name(), node.operator().name(), time(node.startTime()),
        time(node.endTime()), data, tasks);
  }

  private TaskDetailDTO subTaskDto(GenericId where, SubTask subTask, List<TaskLog> logs,
      Map<String, Object> data) {
    List<String> lines = subTask.executeTimes() == 0
        ? null
        : logs.stream().map(TaskLog::text).toList();
    return new TaskDetailDTO(where.withId(subTask.id()).toString(), subTask.id(), subTask.name(),
        subTask.state().name(), subTask.operator().name(), time(subTask.startTime()),
        time(subTask.endTime()), data, subTask.executeTimes(),
        new ExecuteAgentDTO(subTask.executeAgent().ip(), subTask.executeAgent().port()), lines);
  }

  private static Map<String, Object> merged(List<SubTask> subTasks) {
    Map<String, Object> data = Map.of();
    for (SubTask subTask : subTasks) {
      data = JsonValues.mergeStrict(data, subTask.additionalData());
    }
    return data;
  }

  private String time(Instant instant) {
    return WireTime.format(instant, zone);
  }
}
