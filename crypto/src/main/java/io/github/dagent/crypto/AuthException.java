package io.github.dagent.crypto;

import java.util.Objects;

/**
 * A protected request refused by the envelope checks.
 *
 * <p>Checked on purpose: every path that decrypts attacker-controlled input declares it, and
 * no other exception leaves those paths. The message says what was wrong and what the client
 * can do; it never holds a password, a key, or any text of the decrypted header or body, so
 * it may be logged and sent to the client as is.
 */
public final class AuthException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The failure; enums are serializable, so the field is too. */
  private final AuthFailure failure;

  /**
   * Makes a refusal.
   *
   * @param failure the failure with its wire codes, not null
   * @param message what was wrong and what to do, without secrets, not null
   */
  public AuthException(AuthFailure failure, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /**
   * Which failure this is.
   *
   * @return the failure whose errCode, legacy code and HTTP status the response carries
   */
  public AuthFailure failure() {
    return failure;
  }
}
