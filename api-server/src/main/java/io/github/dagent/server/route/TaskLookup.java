package io.github.dagent.server.route;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.GenericId;
import io.github.dagent.model.Node;
import io.github.dagent.model.SubTask;
import io.github.dagent.store.DagStore;
import java.util.Objects;

/**
 * Resolves the generic ids clients send to stored dags, nodes and sub-tasks, per PROTOCOL.md
 * §3: a malformed id is {@code Task.GenericID.Invalid}; an obproxy id, an id naming another
 * agent, an id whose scope or agent differs from the object's own, or an unknown id is
 * {@code Task.NotFound}. An object is found only under exactly the generic id the agent prints
 * for it. Thread-safe.
 */
final class TaskLookup {
  private final DagStore store;
  private final AgentAddress self;

  /**
   * @param store where the objects live
   * @param self this agent, as its agent-scope ids name it
   */
  TaskLookup(DagStore store, AgentAddress self) {
    this.store = Objects.requireNonNull(store, "store");
    this.self = GenericId.agent(self, 0).agent().orElseThrow();
  }

  /** The dag a generic id names. */
  Dag dag(String text) {
    GenericId id = servable(text, "dag");
    Dag dag = store.findDag(id.id()).orElseThrow(() -> notFound("dag", text));
    return requireSame(id, dag, dag.id(), "dag", text);
  }

  /** The node a generic id names, with its dag. */
  Found<Node> node(String text) {
    GenericId id = servable(text, "node");
    Node node = store.findNode(id.id()).orElseThrow(() -> notFound("node", text));
    Dag dag = store.findDag(node.dagId()).orElseThrow(() -> notFound("node", text));
    return new Found<>(requireSame(id, dag, node.id(), "node", text), node);
  }

  /** The sub-task a generic id names, with its dag. */
  Found<SubTask> subTask(String text) {
    GenericId id = servable(text, "sub-task");
    SubTask subTask = store.findSubTask(id.id()).orElseThrow(() -> notFound("sub-task", text));
    Dag dag = store.findDag(subTask.dagId()).orElseThrow(() -> notFound("sub-task", text));
    return new Found<>(requireSame(id, dag, subTask.id(), "sub-task", text), subTask);
  }

  private GenericId servable(String text, String what) {
    GenericId id = GenericId.parse(text);
    if (id.kind().isObproxy()) {
      throw new DagentException(ErrorCode.TASK_NOT_FOUND,
          what + " " + text + " is an obproxy task; dagent runs no obproxy tasks");
    }
    AgentAddress owner = id.agent().orElse(self);
    if (!owner.equals(self)) {
      throw new DagentException(ErrorCode.TASK_NOT_FOUND,
          what + " " + text + " belongs to agent " + owner + ", not to this agent " + self
              + "; ask that agent (forwarding is not supported)");
    }
    return id;
  }

  private static Dag requireSame(GenericId asked, Dag dag, long rowId, String what,
      String text) {
    if (!GenericId.of(dag.scope(), dag.agent(), rowId).equals(asked)) {
      throw notFound(what, text);
    }
    return dag;
  }

  private static DagentException notFound(String what, String text) {
    return new DagentException(ErrorCode.TASK_NOT_FOUND,
        what + " " + text + " not found; list unfinished dags with GET /api/v1/task/dag/unfinish");
  }

  /**
   * An object with the dag it belongs to.
   *
   * @param dag the dag
   * @param item the node or sub-task
   * @param <T> Node or SubTask
   */
  record Found<T>(Dag dag, T item) {}
}
