package io.github.dagent.model;

import java.util.Locale;

/**
 * The last operator applied to a dag, node or sub-task. RUN is what the scheduler does by
 * itself; the other four are asked for by a user. Stored codes 1..5 and upper-case wire names
 * are stable.
 */
public enum Operator {
  RUN(1),
  RETRY(2),
  ROLLBACK(3),
  CANCEL(4),
  PASS(5);

  private final int code;

  Operator(int code) {
    this.code = code;
  }

  /** The code stored in the database. */
  public int code() {
    return code;
  }

  /**
   * @param code a stored code
   * @return the operator with that code
   * @throws DagentException {@link ErrorCode#TASK_DAG_OPERATOR_NOT_SUPPORT} for any other
   */
  public static Operator fromCode(int code) {
    for (Operator operator : values()) {
      if (operator.code == code) {
        return operator;
      }
    }
    throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT,
        "unknown operator code " + code + "; expected 1..5 (RUN..PASS)");
  }

  /**
   * Parses an operator name as clients send it: any case, surrounding blanks ignored.
   *
   * @param name the name, may be null
   * @return the operator
   * @throws DagentException {@link ErrorCode#TASK_DAG_OPERATOR_NOT_SUPPORT} for a null, empty or
   *     unknown name
   */
  public static Operator parse(String name) {
    if (name != null) {
      String wanted = name.trim().toUpperCase(Locale.ROOT);
      for (Operator operator : values()) {
        if (operator.name().equals(wanted)) {
          return operator;
        }
      }
    }
    throw notSupported(name);
  }

  /**
   * Parses the operator of a {@code POST /api/v1/task/dag/{id}} request: like {@link #parse},
   * but RUN is refused too, since only the scheduler runs a dag by itself.
   *
   * @param name the name the client sent, may be null
   * @return RETRY, ROLLBACK, CANCEL or PASS
   * @throws DagentException {@link ErrorCode#TASK_DAG_OPERATOR_NOT_SUPPORT} for a null, empty
   *     or unknown name, and for RUN
   */
  public static Operator parseRequested(String name) {
    Operator operator = parse(name);
    if (operator == RUN) {
      throw notSupported(name);
    }
    return operator;
  }

  private static DagentException notSupported(String name) {
    String what = name == null
        ? "no operator was given"
        : "operator '" + name + "' is not supported";
    return new DagentException(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT,
        what + "; send one of retry, rollback, cancel, pass (any case)");
  }
}
