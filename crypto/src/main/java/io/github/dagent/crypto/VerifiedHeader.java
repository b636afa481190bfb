package io.github.dagent.crypto;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A header that passed every check, holding the AES key for the request body.
 *
 * <p>Made only by {@link HeaderVerifier#verify}. Immutable and thread-safe; neither the
 * password nor the AES key can be read from it, and {@link #toString()} shows neither.
 */
public final class VerifiedHeader {
  private final String uri;
  private final boolean passwordSent;
  private final Optional<Instant> validUntil;
  private final Optional<BodyCipher> body;

  VerifiedHeader(String uri, boolean passwordSent, Optional<Instant> validUntil,
      Optional<BodyCipher> body) {
    this.uri = uri;
    this.passwordSent = passwordSent;
    this.validUntil = validUntil;
    this.body = body;
  }

  /**
   * The path and query the header was made for; equal to the request's.
   *
   * @return the uri
   */
  public String uri() {
    return uri;
  }

  /**
   * Whether the header's {@code auth} was non-empty.
   *
   * @return true when a password was sent
   */
  public boolean passwordSent() {
    return passwordSent;
  }

  /**
   * Until when the header is acceptable: its {@code ts} plus the clock-skew allowance. Empty
   * when {@code auth} was empty, since OBShell checks {@code ts} only for a password.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> validUntil() {
    return validUntil;
  }

  /**
   * The body's AES key size, when the header carried {@code keys}.
   *
   * @return 128 or 256, or empty when there is no key (a body then cannot be decrypted)
   */
  public OptionalInt bodyKeyBits() {
    return body.map(b -> OptionalInt.of(b.keyBits())).orElse(OptionalInt.empty());
  }

  Optional<BodyCipher> body() {
    return body;
  }

  @Override
  public String toString() {
    return "VerifiedHeader[uri=" + uri + ", passwordSent=" + passwordSent + ", keys masked]";
  }
}
