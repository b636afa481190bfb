package io.github.dagent.crypto;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client sends: the header to set and, when there was one, the encrypted body.
 *
 * <p>Immutable and thread-safe. It holds the request's AES key so that
 * {@link #encryptBody(byte[])} can encrypt a body later; {@link #toString()} shows no secret.
 */
public final class SealedRequest {
  private final HeaderKind kind;
  private final String headerValue;
  private final String ts;
  private final Optional<String> body;
  private final BodyCipher cipher;

  SealedRequest(HeaderKind kind, String headerValue, String ts, Optional<String> body,
      BodyCipher cipher) {
    this.kind = kind;
    this.headerValue = headerValue;
    this.ts = ts;
    this.body = body;
    this.cipher = cipher;
  }

  /**
   * The HTTP header to set.
   *
   * @return {@code X-OCS-Agent-Header} or {@code X-OCS-Header}
   */
  public String headerName() {
    return kind.headerName();
  }

  /**
   * The HTTP header's value.
   *
   * @return base64 of the RSA blocks
   */
  public String headerValue() {
    return headerValue;
  }

  /**
   * The {@code ts} the header carries.
   *
   * @return unix seconds after which the header expires, as text
   */
  public String ts() {
    return ts;
  }

  /**
   * The encrypted body, when one was given.
   *
   * @return base64 of the AES-CBC ciphertext, the request body to send; empty when none
   */
  public Optional<String> body() {
    return body;
  }

  /**
   * Encrypts a (further) body under this request's AES key and IV.
   *
   * @param plaintext the body bytes
   * @return base64 of the ciphertext
   */
  public String encryptBody(byte[] plaintext) {
    return cipher.encrypt(Objects.requireNonNull(plaintext, "plaintext"));
  }

  @Override
  public String toString() {
    return "SealedRequest[" + kind.headerName() + ", ts=" + ts + ", keys masked]";
  }
}
