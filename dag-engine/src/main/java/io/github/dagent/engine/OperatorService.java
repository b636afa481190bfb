package io.github.dagent.engine;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETRY, ROLLBACK, CANCEL and PASS, each checked and stored as one compare-and-set change set
 * that includes the dag row.
 *
 * <p>Races: when the commit loses, the dag is read again. If another operator changed it (its
 * operator changed, or it was FAILED, which only an operator leaves), the request is refused:
 * with the precondition's code when it no longer holds, else with
 * {@link ErrorCode#TASK_DAG_OPERATOR_CONFLICT}; so of two racing operators exactly one wins.
 * If only the scheduler moved on (a stage advanced), the request is decided again.
 *
 * <p>Choices where ENGINE.md is silent:
 *
 * <ul>
 *   <li>CANCEL applies to a dag that is not SUCCEED or FAILED, and to a FAILED maintenance dag
 *       (which is unfinished); it stores FAILED / CANCEL at once, fails READY and RUNNING
 *       sub-tasks of the current node with "sub task cancelled" and releases the maintenance
 *       lock, so a cancelled dag is finished. Running sub-tasks are interrupted after the
 *       commit and their cancel hook runs once, on its own thread, bounded by their timeout.
 *   <li>A dag whose rollback failed (FAILED / ROLLBACK) can be rolled back again (finished
 *       rollbacks are not re-run) or cancelled; RETRY and PASS refuse it as not allowed.
 *   <li>RETRY and ROLLBACK take the dag's maintenance lock again in their change set; when
 *       another dag holds a conflicting lock they are refused with
 *       {@link io.github.dagent.store.MaintenanceLockedException}, which names that dag.
 *   <li>No operator changes a dag's start time; PASS keeps the dag's stage.
 * </ul>
 */
final class OperatorService {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorService.class);
  private static final int ATTEMPTS = 8;

  private final DagStore store;
  private final EngineClock clock;
  private final SubTaskExecutor executor;
  private final Scheduler scheduler;
  private final Waiters waiters;

  OperatorService(DagStore store, EngineClock clock, SubTaskExecutor executor,
      Scheduler scheduler, Waiters waiters) {
    this.store = store;
    this.clock = clock;
    this.executor = executor;
    this.scheduler = scheduler;
    this.waiters = waiters;
  }

  void operate(long dagId, Operator operator) {
    if (operator == null || operator == Operator.RUN) {
      throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT, "operator '"
          + operator + "' is not supported; use one of retry, rollback, cancel, pass");
    }
    DagGraph graph = load(dagId);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Decision decision = decide(operator, graph);
      if (store.commit(decision.changes)) {
        LOG.info("dag={} {} accepted at stage {}: {}", graph.dag().genericId(), operator,
            graph.dag().stage(), decision.summary);
        decision.interrupt.forEach(executor::cancel);
        waiters.seen(decision.dag);
        scheduler.wake(dagId);
        return;
      }
      DagGraph fresh = load(dagId);
      if (otherOperatorWon(graph.dag(), fresh.dag())) {
        decide(operator, fresh);
        throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_CONFLICT, "dag "
            + fresh.dag().genericId() + " was changed by another operator ("
            + fresh.dag().state() + " / " + fresh.dag().operator() + ") while " + operator
            + " was applied; read it again and decide");
      }
      graph = fresh;
    }
    throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_CONFLICT, "dag "
        + graph.dag().genericId() + " kept changing while " + operator + " was applied; try"
        + " again");
  }

  private static boolean otherOperatorWon(Dag read, Dag now) {
    return read.state() == TaskState.FAILED || read.operator() != now.operator()
        || now.state() == TaskState.READY && read.state() != TaskState.READY;
  }

  private DagGraph load(long dagId) {
    return store.loadDag(dagId).orElseThrow(() -> new DagentException(ErrorCode.TASK_NOT_FOUND,
        "dag " + dagId + " does not exist; list dags to find its id"));
  }

  private Decision decide(Operator operator, DagGraph graph) {
    return switch (operator) {
      case RETRY -> retry(graph);
      case ROLLBACK -> rollback(graph);
      case CANCEL -> cancel(graph);
      case PASS -> pass(graph);
      default -> throw new IllegalStateException("unreachable: " + operator);
    };
  }

  private Decision retry(DagGraph graph) {
    Dag dag = graph.dag();
    requireFailed(dag, ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_FAILED_DAG, "retried");
    if (dag.operator() == Operator.ROLLBACK) {
      throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_ALLOWED, "dag "
          + dag.genericId() + " failed while rolling back; roll it back again or cancel it");
    }
    Node node = graph.nodeAt(dag.stage()).orElseThrow();
    requireAll(graph, List.of(node), Capabilities::canRetry,
        ErrorCode.TASK_DAG_OPERATOR_RETRY_NOT_ALLOWED, "retry");
    Dag ready = dag.with(TaskState.READY, Operator.RUN);
    ChangeSet.Builder changes = ChangeSet.builder().dag(dag, ready)
        .node(node, node.with(TaskState.PENDING, Operator.RETRY));
    takeLock(dag, changes);
    return new Decision(changes.build(), ready, List.of(),
        "node " + node.name() + " runs its failed sub-tasks again");
  }

  private Decision rollback(DagGraph graph) {
    Dag dag = graph.dag();
    requireFailed(dag, ErrorCode.TASK_DAG_OPERATOR_ROLLBACK_NOT_FAILED_DAG, "rolled back");
    requireAll(graph, nodesUpTo(graph, dag.stage()), Capabilities::canRollback,
        ErrorCode.TASK_DAG_OPERATOR_ROLLBACK_NOT_ALLOWED, "rollback");
    Node node = graph.nodeAt(dag.stage()).orElseThrow();
    Dag running = dag.with(TaskState.RUNNING, Operator.ROLLBACK);
    ChangeSet.Builder changes = ChangeSet.builder().dag(dag, running)
        .node(node, node.with(TaskState.PENDING, Operator.ROLLBACK));
    takeLock(dag, changes);
    return new Decision(changes.build(), running, List.of(),
        "rolling back from stage " + dag.stage() + " to stage 1");
  }

  private Decision cancel(DagGraph graph) {
    Dag dag = graph.dag();
    boolean cancellable = !dag.state().isFinal() || dag.state() == TaskState.FAILED
        && dag.maintenance().isHeld() && dag.operator() != Operator.CANCEL;
    if (!cancellable) {
      throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_CANCEL_FINISHED_DAG, "dag "
          + dag.genericId() + " is finished (" + dag.state() + " / " + dag.operator()
          + "); there is nothing to cancel");
    }
    requireAll(graph, nodesUpTo(graph, dag.stage()), Capabilities::canCancel,
        ErrorCode.TASK_DAG_OPERATOR_CANCEL_NOT_ALLOWED, "cancel");
    Dag failed = dag.with(TaskState.FAILED, Operator.CANCEL)
        .withTimes(dag.startTime(), clock.endAfter(dag.startTime()));
    ChangeSet.Builder changes = ChangeSet.builder().dag(dag, failed);
    Node node = graph.nodeAt(dag.stage()).orElseThrow();
    if (!node.state().isFinal()) {
      changes.node(node, node.with(TaskState.FAILED, Operator.CANCEL)
          .withTimes(node.startTime(), clock.endAfter(node.startTime())));
    }
    List<Long> interrupt = new ArrayList<>();
    for (SubTask sub : graph.subTasksOf(node.id())) {
      if (sub.state() == TaskState.READY || sub.state() == TaskState.RUNNING) {
        SubTask cancelled = sub.with(TaskState.FAILED, Operator.CANCEL)
            .withTimes(sub.startTime(), clock.endAfter(sub.startTime()));
        changes.subTask(sub, cancelled).log(new TaskLog(sub.id(), sub.executeTimes(),
            "sub task cancelled", cancelled.endTime()));
        if (sub.state() == TaskState.RUNNING) {
          interrupt.add(sub.id());
        }
      }
    }
    if (dag.maintenance().isHeld()) {
      changes.releaseLocks(dag.id());
    }
    return new Decision(changes.build(), failed, interrupt,
        interrupt.size() + " running sub-tasks interrupted; dag FAILED / CANCEL");
  }

  private Decision pass(DagGraph graph) {
    Dag dag = graph.dag();
    requireFailed(dag, ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_FAILED_DAG, "passed");
    if (dag.operator() == Operator.ROLLBACK) {
      throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_ALLOWED, "dag "
          + dag.genericId() + " failed while rolling back; roll it back again or cancel it");
    }
    List<Node> later = graph.nodes().stream().filter(n -> n.stage() >= dag.stage()).toList();
    requireAll(graph, later, Capabilities::canPass,
        ErrorCode.TASK_DAG_OPERATOR_PASS_NOT_ALLOWED, "pass");
    Dag passed = dag.with(TaskState.SUCCEED, Operator.PASS)
        .withTimes(dag.startTime(), clock.endAfter(dag.startTime()));
    ChangeSet.Builder changes = ChangeSet.builder().dag(dag, passed);
    for (Node node : later) {
      changes.node(node, node.with(TaskState.SUCCEED, Operator.PASS)
          .withTimes(node.startTime(), clock.endAfter(node.startTime())));
      for (SubTask sub : graph.subTasksOf(node.id())) {
        if (sub.state() != TaskState.SUCCEED) {
          changes.subTask(sub, sub.with(TaskState.SUCCEED, Operator.PASS)
              .withTimes(sub.startTime(), clock.endAfter(sub.startTime())));
        }
      }
    }
    if (dag.maintenance().isHeld()) {
      changes.releaseLocks(dag.id());
    }
    return new Decision(changes.build(), passed, List.of(),
        "stages " + dag.stage() + ".." + dag.maxStage() + " passed; dag SUCCEED / PASS");
  }

  private static void requireFailed(Dag dag, ErrorCode code, String verb) {
    if (dag.state() != TaskState.FAILED) {
      throw new DagentException(code, "dag " + dag.genericId() + " is " + dag.state()
          + "; only a FAILED dag can be " + verb);
    }
  }

  private static List<Node> nodesUpTo(DagGraph graph, int stage) {
    return graph.nodes().stream().filter(node -> node.stage() <= stage).toList();
  }

  private static void requireAll(DagGraph graph, List<Node> nodes,
      Predicate<Capabilities> allows, ErrorCode code, String what) {
    for (Node node : nodes) {
      for (SubTask sub : graph.subTasksOf(node.id())) {
        if (!allows.test(sub.capabilities())) {
          throw new DagentException(code, "node '" + node.name() + "' (stage " + node.stage()
              + ") of dag " + graph.dag().genericId() + " does not allow " + what
              + ": its sub-task '" + sub.name() + "' refuses it");
        }
      }
    }
  }

  private static void takeLock(Dag dag, ChangeSet.Builder changes) {
    if (dag.maintenance().isHeld()) {
      changes.takeLock(dag.id(), dag.maintenance());
    }
  }

  /** A checked operator: what to commit, the dag after it, what to interrupt after. */
  private record Decision(ChangeSet changes, Dag dag, List<Long> interrupt, String summary) {}
}
