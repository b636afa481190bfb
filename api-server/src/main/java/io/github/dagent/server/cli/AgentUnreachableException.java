package io.github.dagent.server.cli;

/** The agent could not be reached, or answered something that is not an envelope. */
final class AgentUnreachableException extends Exception {
  private static final long serialVersionUID = 1L;

  AgentUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
