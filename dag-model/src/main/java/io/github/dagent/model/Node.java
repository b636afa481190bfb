package io.github.dagent.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored node: one stage of a dag, holding one or more sub-tasks of one task type.
 *
 * @param id the primary key
 * @param dagId the dag it belongs to
 * @param stage its stage, 1-based
 * @param name what the operator sees
 * @param taskType the registered name of its sub-tasks' type
 * @param parallel whether its sub-tasks run at once
 * @param state the node's state
 * @param operator the last operator applied
 * @param startTime when it entered RUNNING; the creation time before that
 * @param endTime when it finished; the creation time before that
 * @param context the merged context its sub-tasks start from
 */
public record Node(
    long id, long dagId, int stage, String name, String taskType, boolean parallel,
    TaskState state, Operator operator, Instant startTime, Instant endTime,
    TaskContext context) {
  /** Checks that no part is null. */
  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(context, "context");
  }

  /** This node with a new state and operator. */
  public Node with(TaskState newState, Operator newOperator) {
    return new Node(id, dagId, stage, name, taskType, parallel, newState, newOperator,
        startTime, endTime, context);
  }

  /** This node with new start and end times. */
  public Node withTimes(Instant newStart, Instant newEnd) {
    return new Node(id, dagId, stage, name, taskType, parallel, state, operator, newStart,
        newEnd, context);
  }

  /** This node with a new context. */
  public Node withContext(TaskContext newContext) {
    return new Node(id, dagId, stage, name, taskType, parallel, state, operator, startTime,
        endTime, newContext);
  }
}
