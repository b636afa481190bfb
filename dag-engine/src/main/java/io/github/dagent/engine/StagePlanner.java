package io.github.dagent.engine;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a dag's next step from its stored rows, per ENGINE.md "States" and "Context". It
 * writes nothing: the scheduler commits the step as one compare-and-set change set that
 * always includes the dag row, so an operator that changed the dag meanwhile makes the step
 * lose.
 *
 * <p>Forward (operator RUN or RETRY): a READY dag becomes RUNNING (start time set on the first
 * run only, so RETRY keeps the original start time); a PENDING node becomes RUNNING with the
 * merge of the previous node's sub-task contexts (data and per-agent data, in sub-task id
 * order; params stay per sub-task) and its not yet
 * succeeded sub-tasks become READY; a RUNNING node whose sub-tasks all finished SUCCEEDs (and
 * the next node starts in the same change set) or FAILs, failing the dag.
 *
 * <p>Backward (operator ROLLBACK): from the failed stage down to stage 1, each node's
 * sub-tasks that ran (execute_times &gt; 0) are rolled back; READY ones that never started
 * become SUCCEED / PASS; never-run ones are skipped; already rolled-back ones are not run
 * again. A failed rollback fails the dag FAILED / ROLLBACK.
 */
final class StagePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(StagePlanner.class);

  private final EngineClock clock;

  StagePlanner(EngineClock clock) {
    this.clock = clock;
  }

  Step plan(DagGraph graph) {
    Dag dag = graph.dag();
    if (dag.state().isFinal()) {
      return new Step(Optional.empty(), dag, List.of());
    }
    Draft draft = new Draft(graph);
    if (dag.state() != TaskState.RUNNING) {
      Instant start = firstRun(graph) ? clock.now() : dag.startTime();
      draft.dag = dag.with(TaskState.RUNNING, dag.operator()).withTimes(start, dag.endTime());
      draft.changed = true;
      LOG.debug("dag={} {} -> RUNNING", dag.genericId(), dag.state());
    }
    if (dag.operator() == Operator.ROLLBACK) {
      backward(draft);
    } else {
      forward(draft);
    }
    return draft.toStep();
  }

  private static boolean firstRun(DagGraph graph) {
    Dag dag = graph.dag();
    Optional<Node> first = graph.nodeAt(1);
    return dag.operator() == Operator.RUN && dag.stage() == 1 && first.isPresent()
        && first.get().state() == TaskState.PENDING && first.get().operator() == Operator.RUN;
  }

  private void forward(Draft draft) {
    Node node = draft.node();
    List<SubTask> subs = draft.graph.subTasksOf(node.id());
    switch (node.state()) {
      case PENDING -> startNode(draft, node);
      case READY, RUNNING -> {
        if (subs.stream().allMatch(sub -> sub.state().isFinal())) {
          finishNode(draft, node, subs);
        } else {
          draft.handReady(subs);
        }
      }
      case SUCCEED -> afterSuccess(draft, node);
      case FAILED -> failDag(draft);
      default -> throw new IllegalStateException("unknown node state " + node.state());
    }
  }

  private void startNode(Draft draft, Node node) {
    TaskContext merged = node.context();
    Optional<Node> previous = draft.graph.nodeAt(node.stage() - 1);
    if (previous.isPresent()) {
      for (SubTask sub : draft.graph.subTasksOf(previous.get().id())) {
        merged = merged.merge(sharedPart(sub.context()));
      }
    }
    Node running = node.with(TaskState.RUNNING, node.operator())
        .withTimes(clock.restartAfter(node.startTime()), node.endTime()).withContext(merged);
    draft.changes.node(node, running);
    draft.changed = true;
    Operator subOperator = node.operator() == Operator.RETRY ? Operator.RETRY : Operator.RUN;
    for (SubTask sub : draft.graph.subTasksOf(node.id())) {
      if (sub.state() == TaskState.SUCCEED) {
        continue;
      }
      TaskContext context = sub.executeTimes() == 0 ? sub.context().merge(merged)
          : sub.context();
      SubTask ready = sub.with(TaskState.READY, subOperator).withContext(context);
      draft.changes.subTask(sub, ready);
      draft.ready.add(ready);
    }
    LOG.debug("dag={} node={} stage {} PENDING -> RUNNING ({} sub-tasks READY)",
        draft.dag.genericId(), node.id(), node.stage(), draft.ready.size());
  }

  /**
   * What a sub-task passes on to the next stage: its data and per-agent data. Its params are
   * its own (the dag's params plus those its template set) and do not leak into later stages.
   */
  private static TaskContext sharedPart(TaskContext context) {
    return new TaskContext(Map.of(), context.data(), context.agentData());
  }

  private void finishNode(Draft draft, Node node, List<SubTask> subs) {
    boolean succeeded = subs.stream().allMatch(sub -> sub.state() == TaskState.SUCCEED);
    Node done = node.with(succeeded ? TaskState.SUCCEED : TaskState.FAILED, node.operator())
        .withTimes(node.startTime(), clock.endAfter(node.startTime()));
    draft.changes.node(node, done);
    draft.changed = true;
    LOG.debug("dag={} node={} stage {} RUNNING -> {}", draft.dag.genericId(), node.id(),
        node.stage(), done.state());
    if (succeeded) {
      afterSuccess(draft, done);
    } else {
      failDag(draft);
    }
  }

  private void afterSuccess(Draft draft, Node node) {
    Dag dag = draft.dag;
    if (node.stage() < dag.maxStage()) {
      draft.dag = dag.atStage(node.stage() + 1);
      draft.changed = true;
      startNode(draft, draft.graph.nodeAt(node.stage() + 1).orElseThrow());
      return;
    }
    draft.dag = dag.with(TaskState.SUCCEED, dag.operator())
        .withTimes(dag.startTime(), clock.endAfter(dag.startTime()));
    draft.changed = true;
    if (dag.maintenance().isHeld()) {
      draft.changes.releaseLocks(dag.id());
    }
    LOG.debug("dag={} RUNNING -> SUCCEED", dag.genericId());
  }

  private void failDag(Draft draft) {
    Dag dag = draft.dag;
    draft.dag = dag.with(TaskState.FAILED, dag.operator())
        .withTimes(dag.startTime(), clock.endAfter(dag.startTime()));
    draft.changed = true;
    LOG.warn("dag={} FAILED at stage {}; {}", dag.genericId(), dag.stage(),
        dag.maintenance().isHeld() ? "it keeps its maintenance lock until retried, rolled"
            + " back, passed or cancelled" : "retry, roll back or pass it");
  }

  private void backward(Draft draft) {
    Node node = draft.node();
    List<SubTask> subs = draft.graph.subTasksOf(node.id());
    if (node.state() == TaskState.PENDING) {
      startRollback(draft, node, subs);
      return;
    }
    if (node.state() == TaskState.FAILED) {
      failDag(draft);
      return;
    }
    if (node.state() == TaskState.SUCCEED) {
      stepDown(draft);
      return;
    }
    List<SubTask> rolling = subs.stream()
        .filter(sub -> sub.operator() == Operator.ROLLBACK).toList();
    if (!rolling.stream().allMatch(sub -> sub.state().isFinal())) {
      draft.handReady(rolling);
      return;
    }
    boolean ok = rolling.stream().allMatch(sub -> sub.state() == TaskState.SUCCEED);
    Node done = node.with(ok ? TaskState.SUCCEED : TaskState.FAILED, Operator.ROLLBACK)
        .withTimes(node.startTime(), clock.endAfter(node.startTime()));
    draft.changes.node(node, done);
    draft.changed = true;
    if (ok) {
      stepDown(draft);
    } else {
      failDag(draft);
    }
  }

  private void startRollback(Draft draft, Node node, List<SubTask> subs) {
    int toRun = 0;
    for (SubTask sub : subs) {
      if (sub.operator() == Operator.ROLLBACK && sub.state() == TaskState.SUCCEED) {
        continue;
      }
      if (sub.state() == TaskState.READY) {
        draft.changes.subTask(sub, sub.with(TaskState.SUCCEED, Operator.PASS)
            .withTimes(sub.startTime(), clock.endAfter(sub.startTime())));
      } else if (sub.executeTimes() > 0 && sub.state().isFinal()) {
        SubTask ready = sub.with(TaskState.READY, Operator.ROLLBACK);
        draft.changes.subTask(sub, ready);
        draft.ready.add(ready);
        toRun++;
      }
    }
    TaskState state = toRun > 0 ? TaskState.RUNNING : TaskState.SUCCEED;
    Node next = node.with(state, Operator.ROLLBACK)
        .withTimes(clock.restartAfter(node.startTime()), node.endTime());
    if (state == TaskState.SUCCEED) {
      next = next.withTimes(next.startTime(), clock.endAfter(next.startTime()));
    }
    draft.changes.node(node, next);
    draft.changed = true;
    LOG.debug("dag={} node={} stage {} rolling back {} sub-tasks", draft.dag.genericId(),
        node.id(), node.stage(), toRun);
    if (state == TaskState.SUCCEED) {
      stepDown(draft);
    }
  }

  private void stepDown(Draft draft) {
    Dag dag = draft.dag;
    if (dag.stage() == 1) {
      draft.dag = dag.with(TaskState.SUCCEED, Operator.ROLLBACK)
          .withTimes(dag.startTime(), clock.endAfter(dag.startTime()));
      if (dag.maintenance().isHeld()) {
        draft.changes.releaseLocks(dag.id());
      }
      LOG.debug("dag={} rollback finished: SUCCEED / ROLLBACK", dag.genericId());
    } else {
      Node below = draft.graph.nodeAt(dag.stage() - 1).orElseThrow();
      draft.changes.node(below, below.with(TaskState.PENDING, Operator.ROLLBACK));
      draft.dag = dag.atStage(dag.stage() - 1);
      LOG.debug("dag={} rollback moves down to stage {}", dag.genericId(), dag.stage() - 1);
    }
    draft.changed = true;
  }

  /** A step being built. */
  private static final class Draft {
    private final DagGraph graph;
    private final ChangeSet.Builder changes = ChangeSet.builder();
    private final List<SubTask> ready = new ArrayList<>();
    private Dag dag;
    private boolean changed;

    Draft(DagGraph graph) {
      this.graph = graph;
      this.dag = graph.dag();
    }

    Node node() {
      return graph.nodeAt(dag.stage()).orElseThrow(() -> new IllegalStateException(
          "dag " + dag.id() + " has no node at stage " + dag.stage()));
    }

    void handReady(List<SubTask> subs) {
      subs.stream().filter(sub -> sub.state() == TaskState.READY).forEach(ready::add);
    }

    Step toStep() {
      if (!changed) {
        return new Step(Optional.empty(), dag, ready);
      }
      changes.dag(graph.dag(), dag);
      return new Step(Optional.of(changes.build()), dag, ready);
    }
  }
}
