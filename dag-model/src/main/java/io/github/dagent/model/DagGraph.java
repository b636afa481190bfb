package io.github.dagent.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dag with all its nodes (by stage) and sub-tasks (by stage, then id), as read in one go.
 *
 * @param dag the dag
 * @param nodes its nodes ordered by stage
 * @param subTasks its sub-tasks ordered by stage, then id
 */
public record DagGraph(Dag dag, List<Node> nodes, List<SubTask> subTasks) {
  /** Copies and orders the lists. */
  public DagGraph {
    Objects.requireNonNull(dag, "dag");
    nodes = nodes.stream().sorted(Comparator.comparingInt(Node::stage)).toList();
    subTasks = subTasks.stream()
        .sorted(Comparator.comparingInt(SubTask::stage).thenComparingLong(SubTask::id))
        .toList();
  }

  /** The node at a stage, if the dag has one there. */
  public Optional<Node> nodeAt(int stage) {
    return nodes.stream().filter(node -> node.stage() == stage).findFirst();
  }

  /** The sub-tasks of one node, by id. */
  public List<SubTask> subTasksOf(long nodeId) {
    return subTasks.stream().filter(subTask -> subTask.nodeId() == nodeId).toList();
  }
}
