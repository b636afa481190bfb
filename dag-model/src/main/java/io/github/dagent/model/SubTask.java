package io.github.dagent.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored sub-task: one unit of work of a node, run by one executor on one agent.
 *
 * @param id the primary key
 * @param nodeId the node it belongs to
 * @param dagId the dag it belongs to
 * @param stage its node's stage
 * @param name what the operator sees
 * @param taskType the registered name of the type that runs it
 * @param state the sub-task's state
 * @param operator the last operator applied
 * @param startTime when it last entered RUNNING; the creation time before that
 * @param endTime when it last finished; the creation time before that
 * @param executeAgent the agent that runs it
 * @param executeTimes how many times its execute body was started (0 before the first run)
 * @param capabilities the operators it allows
 * @param context its own context, which its node's successor merges
 * @param additionalData what it reports to clients under {@code additional_data}
 */
public record SubTask(
    long id, long nodeId, long dagId, int stage, String name, String taskType,
    TaskState state, Operator operator, Instant startTime, Instant endTime,
    AgentAddress executeAgent, int executeTimes, Capabilities capabilities,
    TaskContext context, Map<String, Object> additionalData) {
  /** Checks that no part is null and copies the additional data. */
  public SubTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(executeAgent, "executeAgent");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(context, "context");
    additionalData = JsonValues.freeze(Objects.requireNonNull(additionalData, "additionalData"));
  }

  /** This sub-task with a new state and operator. */
  public SubTask with(TaskState newState, Operator newOperator) {
    return new SubTask(id, nodeId, dagId, stage, name, taskType, newState, newOperator,
        startTime, endTime, executeAgent, executeTimes, capabilities, context, additionalData);
  }

  /** This sub-task with new start and end times. */
  public SubTask withTimes(Instant newStart, Instant newEnd) {
    return new SubTask(id, nodeId, dagId, stage, name, taskType, state, operator, newStart,
        newEnd, executeAgent, executeTimes, capabilities, context, additionalData);
  }

  /** This sub-task with another execute count. */
  public SubTask withExecuteTimes(int newExecuteTimes) {
    return new SubTask(id, nodeId, dagId, stage, name, taskType, state, operator, startTime,
        endTime, executeAgent, newExecuteTimes, capabilities, context, additionalData);
  }

  /** This sub-task with a new context. */
  public SubTask withContext(TaskContext newContext) {
    return new SubTask(id, nodeId, dagId, stage, name, taskType, state, operator, startTime,
        endTime, executeAgent, executeTimes, capabilities, newContext, additionalData);
  }

  /** This sub-task with new additional data. */
  public SubTask withAdditionalData(Map<String, Object> newData) {
    return new SubTask(id, nodeId, dagId, stage, name, taskType, state, operator, startTime,
        endTime, executeAgent, executeTimes, capabilities, context, newData);
  }
}
