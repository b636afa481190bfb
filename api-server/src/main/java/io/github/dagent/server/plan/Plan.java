package io.github.dagent.server.plan;

import io.github.dagent.engine.TaskType;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import java.util.Collection;
import java.util.Objects;

/**
 * A checked plan document: the template to submit and the dag's context (its params).
 *
 * <p>The document: {@code {name, scope, maintenance: {type, key}, params, nodes: [{name, type,
 * parallel, tasks: [{name, params}], flags}]}}; {@code docs/plan.schema.json} is its schema
 * and the top-level README explains every field.
 *
 * @param template the stages, ready for {@code Engine.submit}
 * @param context the dag's params
 */
public record Plan(Template template, TaskContext context) {
  /** Checks both parts are present. */
  public Plan {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(context, "context");
  }

  /**
   * Reads and checks a plan document. Nothing is stored; a maintenance lock is checked only
   * when the engine stores the dag.
   *
   * @param json the document
   * @param types the task types the plan may name
   * @return the plan
   * @throws io.github.dagent.model.DagentException
   *     {@link io.github.dagent.model.ErrorCode#TASK_TEMPLATE_INVALID} whose message starts
   *     with the path of the wrong field (for example {@code nodes[2].tasks[0].params.timeout})
   *     and says what it must be
   */
  public static Plan parse(String json, Collection<? extends TaskType> types) {
    return new PlanReader(types).read(Objects.requireNonNull(json, "json"));
  }
}
