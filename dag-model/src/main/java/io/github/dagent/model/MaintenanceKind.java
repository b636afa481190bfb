package io.github.dagent.model;

/** Which maintenance lock a dag takes; the code is {@code maintenance_type} on the wire. */
public enum MaintenanceKind {
  NONE(0),
  GLOBAL(1),
  TENANT(2);

  private final int code;

  MaintenanceKind(int code) {
    this.code = code;
  }

  /** The code stored and shown as {@code maintenance_type}. */
  public int code() {
    return code;
  }

  /**
   * @param code a stored code
   * @return the kind with that code
   * @throws IllegalArgumentException for any other number (a corrupt row, not user input)
   */
  public static MaintenanceKind fromCode(int code) {
    for (MaintenanceKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown maintenance type " + code);
  }
}
