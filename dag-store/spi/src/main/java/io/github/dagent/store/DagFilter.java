package io.github.dagent.store;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * Which dags a listing keeps: those matching both {@code scope} and {@code agent}, and with
 * {@code orCluster} every cluster-scope dag besides.
 *
 * @param scope only dags of this scope; empty for all
 * @param agent only dags created by this agent; empty for all
 * @param orCluster also keep every cluster-scope dag, whatever the two conditions say
 */
public record DagFilter(Optional<Scope> scope, Optional<AgentAddress> agent,
    boolean orCluster) {
  /** Every dag. */
  public static final DagFilter ALL = new DagFilter(Optional.empty(), Optional.empty());

  /** Checks for nulls. */
  public DagFilter {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(agent, "agent");
  }

  /**
   * The dags matching both conditions.
   *
   * @param scope only dags of this scope; empty for all
   * @param agent only dags created by this agent; empty for all
   */
  public DagFilter(Optional<Scope> scope, Optional<AgentAddress> agent) {
    this(scope, agent, false);
  }

  /** Only cluster-scope dags. */
  public static DagFilter cluster() {
    return new DagFilter(Optional.of(Scope.CLUSTER), Optional.empty());
  }

  /** Only agent-scope dags of this agent. */
  public static DagFilter agentScope(AgentAddress agent) {
    return new DagFilter(Optional.of(Scope.AGENT), Optional.of(agent));
  }

  /** What an agent shows as its dags: every cluster-scope dag and its own agent-scope dags. */
  public static DagFilter seenBy(AgentAddress agent) {
    return new DagFilter(Optional.of(Scope.AGENT), Optional.of(agent), true);
  }
}
