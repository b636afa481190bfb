package io.github.dagent.model;

/**
 * A string that is not a well-formed generic id; {@link #input()} is what was given. The
 * message shows at most 64 characters of it with control characters replaced by '?'.
 */
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

  /** At most 64 characters, control characters as '?', so a client cannot forge log lines. */
  private static String abbreviate(String input) {
    String shown = input.length() <= 64 ? input : input.substring(0, 61) + "...";
    StringBuilder safe = new StringBuilder(shown.length());
    shown.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.toString();
  }
}
