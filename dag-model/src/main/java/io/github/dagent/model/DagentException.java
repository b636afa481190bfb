package io.github.dagent.model;

import java.util.Objects;

/**
 * The one unchecked root of every error dagent reports to a caller. It carries the
 * {@link ErrorCode} that decides the wire status and code, and a message that says what was
 * wrong and what the caller can do.
 */
public class DagentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * @param code the error's code, never null
   * @param message what was wrong and what to do next
   */
  public DagentException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * @param code the error's code, never null
   * @param message what was wrong and what to do next
   * @param cause the failure underneath, kept for the log
   */
  public DagentException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The code that decides status, errCode and legacy code on the wire. */
  public ErrorCode code() {
    return code;
  }
}
