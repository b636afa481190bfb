package io.github.dagent.model;

/** A string that is not a well-formed generic id; {@link #input()} is what was given. */
public final class InvalidGenericIdException extends DagentException {
  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidGenericIdException(String input, String reason) {
    super(ErrorCode.TASK_GENERIC_ID_INVALID,
        "invalid generic id '" + abbreviate(input) + "': " + reason);
    this.input = input;
  }

  /** The rejected text, as given. */
  public String input() {
    return input;
  }

  private static String abbreviate(String input) {
    return input.length() <= 64 ? input : input.substring(0, 61) + "...";
  }
}
