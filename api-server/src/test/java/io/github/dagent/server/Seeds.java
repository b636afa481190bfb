package io.github.dagent.server;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Node;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Operator;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import io.github.dagent.server.task.BuiltInTaskTypes;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.NewDag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes dags straight into the store in states the engine leaves alone (RUNNING with a
 * RUNNING sub-task, FAILED, SUCCEED), so route tests see exactly what they seeded.
 */
final class Seeds {
  private Seeds() {}

  /**
   * @param store the agent's store
   * @param agent the creating agent
   * @param names node names, one single-sub-task node each
   * @param scope the dag's scope
   * @param lock its maintenance lock
   * @param dagState the dag's state; nodes before {@code stage} SUCCEED, node {@code stage}
   *     has {@code dagState}, later nodes PENDING
   * @param stage the current stage
   * @param logs log lines by stage, written for executed sub-tasks
   * @return the graph as stored after the changes
   */
  static DagGraph seed(DagStore store, AgentAddress agent, String dagName, List<String> names,
      Scope scope, Maintenance lock, TaskState dagState, int stage,
      Map<Integer, List<String>> logs) {
    Template.Builder builder = Template.builder(dagName).scope(scope).maintenance(lock);
    names.forEach(name -> builder.node(NodeTemplate.single(name, "seeded")));
    return seed(store, agent, builder.build(), TaskContext.ofParams(Map.of()), dagState, stage,
        logs);
  }

  private static DagGraph seed(DagStore store, AgentAddress agent, Template template,
      TaskContext context, TaskState dagState, int stage, Map<Integer, List<String>> logs) {
    Instant created = Instant.now();
    DagGraph graph = store.createDag(new NewDag(template, context, agent, created));

    ChangeSet.Builder changes = ChangeSet.builder();
    Dag dag = graph.dag();
    changes.dag(dag, dag.atStage(stage).with(dagState, Operator.RUN)
        .withTimes(created, created.plusMillis(5)));
    for (Node node : graph.nodes()) {
      TaskState state = stateAt(node.stage(), stage, dagState);
      changes.node(node, node.with(state, Operator.RUN));
    }
    for (SubTask sub : graph.subTasks()) {
      TaskState state = stateAt(sub.stage(), stage, dagState);
      int runs = state == TaskState.PENDING ? 0 : 1;
      changes.subTask(sub, sub.with(state, Operator.RUN).withExecuteTimes(runs));
      if (runs > 0) {
        for (String line : logs.getOrDefault(sub.stage(), List.of())) {
          changes.log(new TaskLog(sub.id(), 1, line, created.plusMillis(sub.stage())));
        }
      }
    }
    if (!store.commit(changes.build())) {
      throw new AssertionError("seeding dag " + dag.id() + " lost a compare-and-set");
    }
    return store.loadDag(dag.id()).orElseThrow();
  }

  /** A FAILED agent-scope dag of three nodes (failed at stage 2) holding a tenant lock. */
  static DagGraph failed(DagStore store, AgentAddress agent, String tenant) {
    return seed(store, agent, "failed " + tenant, List.of("a", "b", "c"), Scope.AGENT,
        Maintenance.tenant(tenant), TaskState.FAILED, 2, Map.of(2, List.of("boom")));
  }

  /**
   * A FAILED agent-scope dag of two {@code sleep} nodes, failed at stage 1: once retried, its
   * sub-task runs (and stays RUNNING) for {@code seconds}.
   */
  static DagGraph failedSleeper(DagStore store, AgentAddress agent, int seconds) {
    Template template = Template.builder("failed sleeper").scope(Scope.AGENT)
        .node(NodeTemplate.single("nap", BuiltInTaskTypes.SLEEP))
        .node(NodeTemplate.single("wake", BuiltInTaskTypes.SLEEP)).build();
    return seed(store, agent, template, TaskContext.ofParams(Map.of("seconds", seconds)),
        TaskState.FAILED, 1, Map.of(1, List.of("boom")));
  }

  /** A SUCCEED cluster-scope dag of two nodes. */
  static DagGraph succeeded(DagStore store, AgentAddress agent) {
    return seed(store, agent, "done", List.of("x", "y"), Scope.CLUSTER, Maintenance.NONE,
        TaskState.SUCCEED, 2, Map.of(1, List.of("x ran"), 2, List.of("y ran")));
  }

  /** A RUNNING agent-scope dag of three nodes at stage 2 without a lock. */
  static DagGraph running(DagStore store, AgentAddress agent) {
    return seed(store, agent, "busy", List.of("p", "q", "r"), Scope.AGENT, Maintenance.NONE,
        TaskState.RUNNING, 2, Map.of(1, List.of("p ran"), 2, List.of("q started")));
  }

  private static TaskState stateAt(int stage, int current, TaskState dagState) {
    if (stage < current) {
      return TaskState.SUCCEED;
    }
    return stage == current ? dagState : TaskState.PENDING;
  }
}
