package io.github.dagent.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One sub-task of a node as a caller asks for it.
 *
 * @param name what the operator sees
 * @param taskType the registered name of the type that runs it
 * @param params merged into its context's params (the dag's params do not overwrite them)
 * @param executeAgent where it runs; empty means the agent that creates the dag
 * @param capabilities the operators it allows
 */
public record SubTaskTemplate(
    String name, String taskType, Map<String, Object> params,
    Optional<AgentAddress> executeAgent, Capabilities capabilities) {
  /** Checks names and copies the params. */
  public SubTaskTemplate {
    name = Templates.requireText(name, "sub-task name");
    taskType = Templates.requireText(taskType, "task type of sub-task '" + name + "'");
    params = JsonValues.freeze(Objects.requireNonNull(params, "params"));
    Objects.requireNonNull(executeAgent, "executeAgent");
    Objects.requireNonNull(capabilities, "capabilities");
  }

  /**
   * @param name the sub-task's name
   * @param taskType its type's registered name
   * @return a sub-task with no params, on the creating agent, allowing every operator
   */
  public static SubTaskTemplate of(String name, String taskType) {
    return new SubTaskTemplate(name, taskType, Map.of(), Optional.empty(), Capabilities.ALL);
  }

  /** The same sub-task with these params. */
  public SubTaskTemplate withParams(Map<String, ?> newParams) {
    return new SubTaskTemplate(name, taskType, JsonValues.freeze(newParams), executeAgent,
        capabilities);
  }

  /** The same sub-task with these capabilities. */
  public SubTaskTemplate withCapabilities(Capabilities newCapabilities) {
    return new SubTaskTemplate(name, taskType, params, executeAgent, newCapabilities);
  }

  /** The same sub-task run on the given agent. */
  public SubTaskTemplate on(AgentAddress agent) {
    return new SubTaskTemplate(name, taskType, params, Optional.of(agent), capabilities);
  }
}
