package io.github.dagent.model;

import java.util.Locale;

/**
 * The state of a dag, node or sub-task. The stored code (1..5) and the upper-case wire name
 * are both stable: changing either breaks stored data or clients.
 */
public enum TaskState {
  PENDING(1),
  READY(2),
  RUNNING(3),
  FAILED(4),
  SUCCEED(5);

  private final int code;

  TaskState(int code) {
    this.code = code;
  }

  /** The code stored in the database. */
  public int code() {
    return code;
  }

  /** True for FAILED and SUCCEED: nothing runs until an operator acts. */
  public boolean isFinal() {
    return this == FAILED || this == SUCCEED;
  }

  /**
   * @param code a stored code
   * @return the state with that code
   * @throws DagentException {@link ErrorCode#TASK_STATE_INVALID} for any other number
   */
  public static TaskState fromCode(int code) {
    for (TaskState state : values()) {
      if (state.code == code) {
        return state;
      }
    }
    throw new DagentException(ErrorCode.TASK_STATE_INVALID,
        "unknown task state code " + code + "; expected 1..5 (PENDING..SUCCEED)");
  }

  /**
   * @param name a state name in any case
   * @return the named state
   * @throws DagentException {@link ErrorCode#TASK_STATE_INVALID} for anything else
   */
  public static TaskState parse(String name) {
    if (name != null) {
      for (TaskState state : values()) {
        if (state.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
          return state;
        }
      }
    }
    throw new DagentException(ErrorCode.TASK_STATE_INVALID,
        "unknown task state '" + name + "'; expected one of PENDING, READY, RUNNING, FAILED,"
            + " SUCCEED");
  }
}
