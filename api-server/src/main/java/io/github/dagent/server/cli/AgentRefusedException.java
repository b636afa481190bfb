package io.github.dagent.server.cli;

/**
 * The agent answered with an error envelope; the message holds its errCode and text, as the
 * CLI prints them.
 */
final class AgentRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errCode;

  AgentRefusedException(int status, String errCode, String message) {
    super(errCode + ": " + message);
    this.status = status;
    this.errCode = errCode;
  }

  int status() {
    return status;
  }

  String errCode() {
    return errCode;
  }
}
