package io.github.dagent.store;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import java.time.Instant;
import java.util.Objects;

/**
 * A dag to create. The store writes it as ENGINE.md says a new dag is: the dag READY / RUN at
 * stage 1, every node and sub-task PENDING / RUN, execute_times 0, empty additional data, and
 * every start and end time equal to {@code createdAt}. Nodes start with the dag's context;
 * sub-tasks with {@link #subTaskContext}. A sub-task without an execute agent runs on
 * {@code agent}.
 *
 * @param template what to create
 * @param context the caller's context
 * @param agent the creating agent
 * @param createdAt the creation time
 */
public record NewDag(Template template, TaskContext context, AgentAddress agent,
    Instant createdAt) {
  /** Checks for nulls. */
  public NewDag {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A sub-task's starting context: its own params first, then the dag's context. */
  public TaskContext subTaskContext(SubTaskTemplate subTask) {
    return TaskContext.ofParams(subTask.params()).merge(context);
  }

  /** The agent a sub-task runs on. */
  public AgentAddress executeAgentOf(SubTaskTemplate subTask) {
    return subTask.executeAgent().orElse(agent);
  }
}
