package io.github.dagent.model;

/**
 * Where a dag lives: CLUSTER dags belong to the whole cluster (generic id prefix "1"), AGENT
 * dags to the agent that runs them (prefix "2" for IPv4, "3" for IPv6).
 */
public enum Scope {
  CLUSTER(1),
  AGENT(2);

  private final int code;

  Scope(int code) {
    this.code = code;
  }

  /** The code stored in the database. */
  public int code() {
    return code;
  }

  /**
   * @param code a stored code
   * @return the scope with that code
   * @throws IllegalArgumentException for any other number (a corrupt row, not user input)
   */
  public static Scope fromCode(int code) {
    for (Scope scope : values()) {
      if (scope.code == code) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope code " + code);
  }
}
