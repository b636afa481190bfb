package io.github.dagent.engine;

import io.github.dagent.model.Capabilities;

/**
 * A kind of work a host registers under a stable name; stored sub-tasks name their type, so a
 * name must never change once dags use it.
 *
 * <p>A type talks to the engine only through the {@link TaskHandle} it is given. Its methods
 * run on executor threads and must react to interruption: CANCEL and timeouts interrupt them.
 * Whatever they throw fails the sub-task with the exception's message in its log.
 */
public interface TaskType {
  /** The stable name sub-tasks are stored under, for example {@code shell}. */
  String name();

  /** The operators sub-tasks of this type allow unless their template says otherwise. */
  Capabilities capabilities();

  /**
   * Does the work. Returning normally succeeds the sub-task.
   *
   * @param handle logging, context, cancellation and continuation for this run
   * @throws Exception any failure; the sub-task fails with its message
   */
  void execute(TaskHandle handle) throws Exception;

  /**
   * Undoes what {@link #execute} did, when ROLLBACK reaches this sub-task. The default does
   * nothing.
   *
   * @param handle as for execute; the context holds what execute recorded
   * @throws Exception any failure; the rollback fails
   */
  default void rollback(TaskHandle handle) throws Exception {}

  /**
   * Runs after CANCEL interrupted {@link #execute}, to stop work started outside the JVM. The
   * default does nothing.
   *
   * @param handle as for execute
   * @throws Exception any failure; logged, the sub-task stays cancelled
   */
  default void cancel(TaskHandle handle) throws Exception {}
}
