package io.github.dagent.server.task;

/** A shell command exited with a code other than 0; the message names the code. */
final class CommandFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }
}
