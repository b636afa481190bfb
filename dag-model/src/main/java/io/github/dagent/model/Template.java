package io.github.dagent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a caller builds to create a dag: a name, a scope, a maintenance lock and the ordered
 * nodes (node k runs at stage k). Immutable; build one with {@link #builder(String)}.
 *
 * @param name the dag's name
 * @param scope cluster or agent
 * @param maintenance the lock the dag takes
 * @param nodes the stages, at least one
 */
public record Template(
    String name, Scope scope, Maintenance maintenance, List<NodeTemplate> nodes) {
  /** Checks the name and that there is at least one node. */
  public Template {
    name = Templates.requireText(name, "template name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(maintenance, "maintenance");
    nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
    if (nodes.isEmpty()) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
          "template '" + name + "' has no node; a dag needs at least one stage");
    }
  }

  /**
   * @param name the dag's name
   * @return a builder for an agent-scope template without maintenance
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Appends another template's nodes after this one's. The name and scope stay this
   * template's; the locks merge as {@link Maintenance#merge} says.
   *
   * @param later the template whose nodes run after these
   * @return the merged template
   * @throws DagentException {@link ErrorCode#TASK_TEMPLATE_INVALID} when the scopes differ
   */
  public Template merge(Template later) {
    Objects.requireNonNull(later, "later");
    if (later.scope != scope) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
          "cannot merge " + later.scope + " template '" + later.name + "' into " + scope
              + " template '" + name + "'");
    }
    List<NodeTemplate> merged = new ArrayList<>(nodes);
    merged.addAll(later.nodes);
    return new Template(name, scope, maintenance.merge(later.maintenance), merged);
  }

  /** Builds a {@link Template} step by step; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<NodeTemplate> nodes = new ArrayList<>();
    private Scope scope = Scope.AGENT;
    private Maintenance maintenance = Maintenance.NONE;

    private Builder(String name) {
      this.name = name;
    }

    /** Sets the scope (default AGENT). */
    public Builder scope(Scope value) {
      this.scope = Objects.requireNonNull(value, "scope");
      return this;
    }

    /** Sets the maintenance lock (default none). */
    public Builder maintenance(Maintenance value) {
      this.maintenance = Objects.requireNonNull(value, "maintenance");
      return this;
    }

    /** Appends a node as the next stage. */
    public Builder node(NodeTemplate node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /**
     * @return the template
     * @throws DagentException {@link ErrorCode#TASK_TEMPLATE_INVALID} when it has no node
     */
    public Template build() {
      return new Template(name, scope, maintenance, nodes);
    }
  }
}
