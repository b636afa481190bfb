package io.github.dagent.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored dag: an ordered list of nodes, node k running at stage k. Immutable; a state change
 * is a new value written with a compare-and-set on {@code state} and {@code startTime}.
 *
 * @param id the primary key
 * @param name what the operator sees, for example "Cluster scale out"
 * @param scope cluster or agent
 * @param agent the agent that created the dag (and, for agent scope, owns it)
 * @param stage the current stage, 1-based
 * @param maxStage the number of nodes
 * @param state the dag's state
 * @param operator the last operator applied
 * @param maintenance the lock the dag takes
 * @param startTime when it entered RUNNING; the creation time before that
 * @param endTime when it finished; the creation time before that
 * @param context the context the caller submitted
 */
public record Dag(
    long id, String name, Scope scope, AgentAddress agent, int stage, int maxStage,
    TaskState state, Operator operator, Maintenance maintenance, Instant startTime,
    Instant endTime, TaskContext context) {
  /** Checks that no part is null and the stage lies in 1..maxStage. */
  public Dag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(context, "context");
    if (maxStage < 1 || stage < 1 || stage > maxStage) {
      throw new IllegalArgumentException(
          "dag stage " + stage + " is outside 1.." + maxStage);
    }
  }

  /** The id clients see. */
  public GenericId genericId() {
    return GenericId.of(scope, agent, id);
  }

  /**
   * Unfinished: not SUCCEED, or FAILED while holding a maintenance lock (it waits for an
   * operator). A FAILED dag without maintenance is finished, and so is a cancelled one
   * (FAILED / CANCEL): CANCEL releases the lock, so nothing waits on that dag any more.
   */
  public boolean isUnfinished() {
    if (state == TaskState.SUCCEED) {
      return false;
    }
    return state != TaskState.FAILED || maintenance.isHeld() && operator != Operator.CANCEL;
  }

  /** This dag with a new state and operator. */
  public Dag with(TaskState newState, Operator newOperator) {
    return new Dag(id, name, scope, agent, stage, maxStage, newState, newOperator, maintenance,
        startTime, endTime, context);
  }

  /** This dag at another stage. */
  public Dag atStage(int newStage) {
    return new Dag(id, name, scope, agent, newStage, maxStage, state, operator, maintenance,
        startTime, endTime, context);
  }

  /** This dag with new start and end times. */
  public Dag withTimes(Instant newStart, Instant newEnd) {
    return new Dag(id, name, scope, agent, stage, maxStage, state, operator, maintenance,
        newStart, newEnd, context);
  }
}
