package io.github.dagent.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The agent's key file cannot be used: it is readable or writable by group or others, or it
 * does not hold an RSA private key. The message names the file and what to do.
 */
public final class KeyFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Kept as text: {@link Path} is not serializable. */
  private final String file;

  /**
   * Makes the refusal.
   *
   * @param file the key file
   * @param message what is wrong with it and what to do, naming the file
   * @param cause the parse error, or null
   */
  KeyFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file").toString();
  }

  /**
   * The file refused.
   *
   * @return its path as given
   */
  public Path file() {
    return Path.of(file);
  }
}
