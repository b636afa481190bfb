package io.github.dagent.crypto;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of the envelope: makes the header value (and encrypted body) of a protected
 * request to an OBShell-compatible agent.
 *
 * <pre>{@code
 * RequestSealer sealer = RequestSealer.builder(publicKeyFromGetSecret).build();
 * SealedRequest r = sealer.seal(HeaderKind.AGENT, password, "/api/v1/task/dag/123",
 *     Optional.of(jsonBytes));
 * // send r.headerName(): r.headerValue(), and r.body().get() as the request body
 * }</pre>
 *
 * <p>Each call draws a fresh AES key and IV. Implementations are thread-safe.
 */
public interface RequestSealer {

  /**
   * Seals a request with {@code ts} = now + validity.
   *
   * @param kind which password, and so which HTTP header
   * @param password the password, empty for an agent without one
   * @param uri the path plus {@code ?query} exactly as it will be sent
   * @param body the plaintext body, or empty for none
   * @return the header and encrypted body
   */
  SealedRequest seal(HeaderKind kind, String password, String uri, Optional<byte[]> body);

  /**
   * Seals a request with an explicit {@code ts} text, for tests and tools that need an
   * expired, malformed or distant timestamp.
   *
   * @param kind which password, and so which HTTP header
   * @param password the password, empty for an agent without one
   * @param uri the path plus {@code ?query} exactly as it will be sent
   * @param ts the {@code ts} field as sent, normally unix seconds
   * @param body the plaintext body, or empty for none
   * @return the header and encrypted body
   */
  SealedRequest seal(HeaderKind kind, String password, String uri, String ts,
      Optional<byte[]> body);

  /**
   * Encrypts any document as a header value, for tests and tools that need a document the
   * other methods do not make (other field names, unknown fields, broken JSON).
   *
   * @param document the plaintext, at least one byte
   * @return base64 of the RSA blocks
   */
  String encryptHeader(byte[] document);

  /**
   * Starts a sealer for an agent's public key.
   *
   * @param publicKeyBase64 {@code data.public_key} of {@code GET /api/v1/secret}: base64 of DER
   *     PKCS#1 {@code RSAPublicKey} (X.509 {@code SubjectPublicKeyInfo} is accepted too)
   * @return a builder with the documented defaults
   * @throws IllegalArgumentException if the text is not base64 of an RSA public key
   */
  static Builder builder(String publicKeyBase64) {
    Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(publicKeyBase64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the public key is not base64; pass data.public_key"
          + " of GET /api/v1/secret", e);
    }
    return new Builder(PemKeys.parsePublic(der));
  }

  /** Settings of a {@link RequestSealer}; not thread-safe, build once. */
  final class Builder {
    /** Default validity: {@code ts} = now + 5 s, as the OBShell SDKs send. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(5);

    final RSAPublicKey publicKey;
    Clock clock = Clock.systemUTC();
    Duration validity = DEFAULT_VALIDITY;
    AesKeySize aesKeySize = AesKeySize.AES_128;
    HeaderChunking chunking = HeaderChunking.pythonSdk();

    private Builder(RSAPublicKey publicKey) {
      this.publicKey = publicKey;
    }

    /**
     * The clock {@code ts} is computed from.
     *
     * @param clock default {@link Clock#systemUTC()}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long a header stays valid: {@code ts} = now + validity, in whole seconds. A
     * negative value makes already expired headers, for tests.
     *
     * @param validity default {@link #DEFAULT_VALIDITY}
     * @return this builder
     */
    public Builder validity(Duration validity) {
      this.validity = Objects.requireNonNull(validity, "validity");
      return this;
    }

    /**
     * The body's AES key size.
     *
     * @param size default {@link AesKeySize#AES_128}, what the Python SDK uses
     * @return this builder
     */
    public Builder aesKeySize(AesKeySize size) {
      this.aesKeySize = Objects.requireNonNull(size, "size");
      return this;
    }

    /**
     * How the header document is cut into RSA blocks.
     *
     * @param chunking default {@link HeaderChunking#pythonSdk()} (53 bytes)
     * @return this builder
     * @throws IllegalArgumentException if a fixed chunk size does not fit the key
     */
    public Builder chunking(HeaderChunking chunking) {
      Objects.requireNonNull(chunking, "chunking");
      chunking.chunkBytes(RsaBlocks.modulusBytes(publicKey.getModulus().bitLength()));
      this.chunking = chunking;
      return this;
    }

    /**
     * Makes the sealer.
     *
     * @return a thread-safe sealer
     */
    public RequestSealer build() {
      return new EnvelopeSealer(this);
    }
  }
}
