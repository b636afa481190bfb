package io.github.dagent.store;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * Which dags a listing keeps.
 *
 * @param scope only dags of this scope; empty for all
 * @param agent only dags created by this agent; empty for all
 */
public record DagFilter(Optional<Scope> scope, Optional<AgentAddress> agent) {
  /** Every dag. */
  public static final DagFilter ALL = new DagFilter(Optional.empty(), Optional.empty());

  /** Checks for nulls. */
  public DagFilter {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(agent, "agent");
  }

  /** Only cluster-scope dags. */
  public static DagFilter cluster() {
    return new DagFilter(Optional.of(Scope.CLUSTER), Optional.empty());
  }

  /** Only agent-scope dags of this agent. */
  public static DagFilter agentScope(AgentAddress agent) {
    return new DagFilter(Optional.of(Scope.AGENT), Optional.of(agent));
  }
}
