package io.github.dagent.model;

import java.util.List;
import java.util.Objects;

/**
 * One stage of a template: a named node holding sub-tasks of one task type. A normal node
 * holds exactly one sub-task; a parallel node holds one or more, run at once.
 *
 * @param name what the operator sees
 * @param parallel whether the sub-tasks run at once
 * @param subTasks the sub-tasks, in order
 */
public record NodeTemplate(String name, boolean parallel, List<SubTaskTemplate> subTasks) {
  /** Checks the name, the number of sub-tasks and that they share one type. */
  public NodeTemplate {
    name = Templates.requireText(name, "node name");
    subTasks = List.copyOf(Objects.requireNonNull(subTasks, "subTasks"));
    if (subTasks.isEmpty()) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
          "node '" + name + "' has no sub-task; give it at least one");
    }
    if (!parallel && subTasks.size() > 1) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
          "node '" + name + "' is not parallel but has " + subTasks.size()
              + " sub-tasks; make it parallel or give it one");
    }
    String type = subTasks.get(0).taskType();
    for (SubTaskTemplate subTask : subTasks) {
      if (!subTask.taskType().equals(type)) {
        throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
            "node '" + name + "' mixes task types '" + type + "' and '" + subTask.taskType()
                + "'; a node runs sub-tasks of one type");
      }
    }
  }

  /**
   * @param name the node's name, also its sub-task's name
   * @param taskType the type's registered name
   * @return a normal node with one sub-task
   * @throws DagentException {@link ErrorCode#TASK_TEMPLATE_INVALID} when the name or the type
   *     is blank; a blank name is reported as the node's, not its sub-task's
   */
  public static NodeTemplate single(String name, String taskType) {
    Templates.requireText(name, "node name");
    return new NodeTemplate(name, false, List.of(SubTaskTemplate.of(name, taskType)));
  }

  /**
   * @param name the node's name
   * @param subTasks its sub-tasks, at least one
   * @return a parallel node
   */
  public static NodeTemplate parallel(String name, List<SubTaskTemplate> subTasks) {
    return new NodeTemplate(name, true, subTasks);
  }

  /** The task type every sub-task of this node shares. */
  public String taskType() {
    return subTasks.get(0).taskType();
  }
}
