package io.github.dagent.server.task;

import io.github.dagent.engine.TaskType;
import io.github.dagent.model.Capabilities;
import java.util.Map;

/**
 * A task type that a plan document can name: besides running, it checks a sub-task's params
 * when the plan is submitted (so a bad plan is refused before anything is stored) and says
 * which operators a sub-task with those params allows before the plan's {@code flags} apply.
 */
public interface PlannedTaskType extends TaskType {
  /**
   * Checks the params one sub-task will run with (the dag's params overlaid by the task's).
   *
   * @param params the effective params
   * @param path where the task's params sit in the plan, for messages, e.g.
   *     {@code nodes[2].tasks[0].params}
   * @throws io.github.dagent.model.DagentException
   *     {@link io.github.dagent.model.ErrorCode#TASK_TEMPLATE_INVALID} naming the field
   */
  void checkParams(Map<String, Object> params, String path);

  /**
   * The operators a sub-task with these params allows when the plan sets no flag. The
   * default is {@link #capabilities()}.
   *
   * @param params the effective params, already checked
   * @return the flags
   */
  default Capabilities capabilitiesFor(Map<String, Object> params) {
    return capabilities();
  }
}
