package io.github.dagent.engine;

/** What a worker does with a claimed sub-task. */
enum Mode {
  /** Runs {@link TaskType#execute} as a new run (execute_times + 1). */
  EXECUTE,
  /** Runs {@link TaskType#execute} again after a restart, told that it is continuing. */
  CONTINUE,
  /** Runs {@link TaskType#rollback}; execute_times is not changed. */
  ROLLBACK,
  /** Runs {@link TaskType#rollback} again after a restart, told that it is continuing. */
  CONTINUE_ROLLBACK;

  boolean continuing() {
    return this == CONTINUE || this == CONTINUE_ROLLBACK;
  }

  boolean rollback() {
    return this == ROLLBACK || this == CONTINUE_ROLLBACK;
  }
}
