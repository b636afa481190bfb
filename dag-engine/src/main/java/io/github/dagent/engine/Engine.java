package io.github.dagent.engine;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.store.DagStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one object a host holds: it runs dags stage by stage on a store, survives restarts, and
 * takes operators. Build one with {@code EngineBuilder}; thread-safe.
 */
public interface Engine extends AutoCloseable {
  /** Recovers what the store holds per ENGINE.md and starts scheduling. Idempotent. */
  void start();

  /**
   * Creates a dag from a template and wakes the scheduler.
   *
   * @param template the stages
   * @param context the caller's context
   * @return the stored dag with its nodes and sub-tasks
   * @throws io.github.dagent.model.DagentException when a task type is not registered, the
   *     template is invalid, or a maintenance lock is held; nothing is stored
   */
  DagGraph submit(Template template, TaskContext context);

  /**
   * Applies RETRY, ROLLBACK, CANCEL or PASS to a dag, in one transaction.
   *
   * @param dagId the dag's primary key
   * @param operator the operator
   * @throws io.github.dagent.model.DagentException with the code of PROTOCOL.md's table when
   *     refused; nothing changes then
   */
  void operate(long dagId, Operator operator);

  /**
   * @param dagId the dag's primary key
   * @return completes with the dag when it reaches SUCCEED or FAILED (at once when it already
   *     is); completes exceptionally with {@code Task.NotFound} for an unknown dag, and with
   *     {@code Common.Unexpected} when the engine closes first. A dag retried after it failed
   *     needs a new call.
   */
  CompletableFuture<Dag> whenFinished(long dagId);

  /**
   * Every unfinished dag (not SUCCEED, or FAILED while holding a maintenance lock), by id,
   * read from the store.
   *
   * @return the dags without nodes; empty when there is none
   */
  List<Dag> unfinished();

  /**
   * How many sub-task runs ignored interruption (after their timeout or CANCEL) for longer
   * than the grace period and were abandoned: their sub-task was already FAILED, their worker
   * slot was given back, and their thread was left to end on its own.
   *
   * @return the count since this engine was built
   */
  long abandonedSubTasks();

  /** The store the engine runs on; reads go straight to it. */
  DagStore store();

  /** The agent this engine runs as: sub-tasks without an execute agent run here. */
  AgentAddress agent();

  /**
   * Stops taking work, interrupts running sub-tasks and leaves the store so that the next
   * start recovers cleanly. Idempotent.
   */
  @Override
  void close();
}
