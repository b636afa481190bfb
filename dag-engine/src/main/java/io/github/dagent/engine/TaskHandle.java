package io.github.dagent.engine;

import io.github.dagent.model.GenericId;
import io.github.dagent.model.TaskContext;

/**
 * What a running sub-task may see and do. Every method is safe to call from the thread
 * running the task; log lines are stored before {@link #log} returns.
 */
public interface TaskHandle {
  /** The dag's generic id, for the task's own log lines. */
  GenericId dagId();

  /** The sub-task's primary key. */
  long subTaskId();

  /** Which run this is: 1 on the first, 2 after one retry, ... */
  int executeTimes();

  /** True when the engine restarted under a RUNNING sub-task and runs it again. */
  boolean isContinuing();

  /** True once CANCEL or a timeout asked this run to stop (the thread is also interrupted). */
  boolean isCancelled();

  /** The sub-task's context as it is now. */
  TaskContext context();

  /**
   * Appends one line to the sub-task's log, durable when this returns.
   *
   * @param line the text
   */
  void log(String line);

  /**
   * Stores a key in the context's shared data; later stages see it.
   *
   * @param key the key
   * @param value a JSON-shaped value
   */
  void putData(String key, Object value);

  /**
   * Stores a key in the sub-task's additional data, which clients see.
   *
   * @param key the key
   * @param value a JSON-shaped value
   */
  void putAdditionalData(String key, Object value);
}
