package io.github.dagent.crypto;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The server side of the envelope: checks a header value and decrypts a request body.
 *
 * <p>Checks run in the protocol's order and stop at the first failure: decrypt ({@link
 * AuthFailure#DECRYPT_FAILED}) → {@code uri} equals the request's path and query exactly
 * ({@link AuthFailure#URI_MISMATCH}) → only when {@code auth} is non-empty, {@code ts} parses
 * and lies within bounds ({@link AuthFailure#TIMESTAMP_INVALID}) and has not passed ({@link
 * AuthFailure#EXPIRED}) → when the agent has a password, {@code auth} equals it, compared in
 * constant time ({@link AuthFailure#INCORRECT_AGENT_PASSWORD}) → when replay protection is on
 * and {@code auth} was non-empty, the header was not accepted before ({@link
 * AuthFailure#REPLAYED}). An agent without a password accepts any {@code auth}, as OBShell
 * does. Which HTTP header the value came from, and {@link AuthFailure#WITH_AGENT_PASSWORD},
 * are the caller's decision.
 *
 * <p>Implementations are thread-safe. Nothing is logged but the errCode and the refusal's
 * message (DEBUG), which hold no secret.
 */
public interface HeaderVerifier {

  /**
   * Checks a header value.
   *
   * @param headerValue the {@code X-OCS-Agent-Header} or {@code X-OCS-Header} value as received
   * @param requestUri the request's path plus {@code ?query} exactly as received (no query:
   *     the path alone)
   * @param expectedPassword the agent password, or empty when the agent has none
   * @return the verified header, holding the body's AES key
   * @throws AuthException the first failed check, with its {@link AuthFailure}
   */
  VerifiedHeader verify(String headerValue, String requestUri, String expectedPassword)
      throws AuthException;

  /**
   * Decrypts a request body under a verified header's AES key.
   *
   * @param header the verified header of the same request
   * @param bodyText the body as received: base64 of AES-CBC/PKCS#7 ciphertext; white space
   *     around it is ignored
   * @return the plaintext body bytes
   * @throws AuthException {@link AuthFailure#BODY_UNDECRYPTABLE} when the header carried no
   *     {@code keys}, or the text is not base64, not whole AES blocks, or does not unpad
   */
  byte[] decryptBody(VerifiedHeader header, String bodyText) throws AuthException;

  /**
   * Starts a verifier for an agent's keys.
   *
   * @param keys the agent's key pair
   * @return a builder with the documented defaults
   */
  static Builder builder(AgentKeys keys) {
    return new Builder(keys);
  }

  /** Settings of a {@link HeaderVerifier}; not thread-safe, build once at start. */
  final class Builder {
    /** Default clock-skew allowance: none; clients already put {@code ts} ahead of now. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ZERO;
    /** Default bound on how far ahead {@code ts} may lie (after the skew allowance). */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(1);
    /** Default number of headers the replay cache remembers. */
    public static final int DEFAULT_REPLAY_CAPACITY = 100_000;
    /** Default bound on RSA blocks per header: 64 blocks of 53 bytes hold a 3 KiB document. */
    public static final int DEFAULT_MAX_BLOCKS = 64;

    final AgentKeys keys;
    Clock clock = Clock.systemUTC();
    Duration clockSkew = DEFAULT_CLOCK_SKEW;
    Duration maxFuture = DEFAULT_MAX_FUTURE;
    boolean replayProtection;
    int replayCapacity = DEFAULT_REPLAY_CAPACITY;
    int maxBlocks = DEFAULT_MAX_BLOCKS;

    private Builder(AgentKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The clock {@code ts} is compared with.
     *
     * @param clock default {@link Clock#systemUTC()}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long after its {@code ts} a header is still accepted, for clients whose clock runs
     * behind; also widens the future bound by the same amount. Whole seconds count.
     *
     * @param skew zero or more, default {@link #DEFAULT_CLOCK_SKEW}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = nonNegative(skew, "clockSkew");
      return this;
    }

    /**
     * How far ahead of now (plus skew) {@code ts} may lie before the header is refused as
     * {@link AuthFailure#TIMESTAMP_INVALID}. SDKs send now + 5 s. Whole seconds count.
     *
     * @param maxFuture zero or more, default {@link #DEFAULT_MAX_FUTURE}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxFuture(Duration maxFuture) {
      this.maxFuture = nonNegative(maxFuture, "maxFuture");
      return this;
    }

    /**
     * Turns replay protection on or off (off by default, as in OBShell).
     *
     * @param on whether a password-bearing header is refused the second time
     * @return this builder
     */
    public Builder replayProtection(boolean on) {
      this.replayProtection = on;
      return this;
    }

    /**
     * How many accepted headers the replay cache remembers at most (about 150 bytes each).
     *
     * @param capacity at least 1, default {@link #DEFAULT_REPLAY_CAPACITY}
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder replayCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("replayCapacity must be at least 1, got " + capacity);
      }
      this.replayCapacity = capacity;
      return this;
    }

    /**
     * How many RSA blocks a header may have; a longer one is refused before any decryption,
     * so one request cannot cost more than this many private-key operations.
     *
     * @param blocks at least 1, default {@link #DEFAULT_MAX_BLOCKS}
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxBlocks(int blocks) {
      if (blocks < 1) {
        throw new IllegalArgumentException("maxBlocks must be at least 1, got " + blocks);
      }
      this.maxBlocks = blocks;
      return this;
    }

    /**
     * Makes the verifier.
     *
     * @return a thread-safe verifier
     */
    public HeaderVerifier build() {
      return new EnvelopeVerifier(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }
  }
}
