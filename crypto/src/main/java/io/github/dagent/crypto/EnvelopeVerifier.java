package io.github.dagent.crypto;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link HeaderVerifier} of the envelope; see there for the checks and their order. */
final class EnvelopeVerifier implements HeaderVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeVerifier.class);

  private final AgentKeys keys;
  private final Clock clock;
  private final ExpiryPolicy expiry;
  private final Optional<ReplayGuard> replay;
  private final int maxHeaderChars;

  EnvelopeVerifier(HeaderVerifier.Builder settings) {
    this.keys = settings.keys;
    this.clock = settings.clock;
    this.expiry = new ExpiryPolicy(settings.clockSkew, settings.maxFuture);
    this.replay = settings.replayProtection
        ? Optional.of(new ReplayGuard(settings.replayCapacity)) : Optional.empty();
    int maxBytes = settings.maxBlocks * RsaBlocks.modulusBytes(keys.modulusBits());
    this.maxHeaderChars = (maxBytes + 2) / 3 * 4;
  }

  @Override
  public VerifiedHeader verify(String headerValue, String requestUri, String expectedPassword)
      throws AuthException {
    Objects.requireNonNull(headerValue, "headerValue");
    Objects.requireNonNull(requestUri, "requestUri");
    Objects.requireNonNull(expectedPassword, "expectedPassword");
    try {
      return check(headerValue, requestUri, expectedPassword);
    } catch (AuthException e) {
      LOG.debug("header refused: errCode={}: {}", e.failure().errCode(), e.getMessage());
      throw e;
    }
  }

  @Override
  public byte[] decryptBody(VerifiedHeader header, String bodyText) throws AuthException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(bodyText, "bodyText");
    try {
      BodyCipher cipher = header.body().orElseThrow(() -> new AuthException(
          AuthFailure.BODY_UNDECRYPTABLE, "the header carried no keys for the body; put the"
          + " AES key and IV in the header's keys field"));
      return cipher.decrypt(bodyText);
    } catch (AuthException e) {
      LOG.debug("body refused: errCode={}: {}", e.failure().errCode(), e.getMessage());
      throw e;
    }
  }

  private VerifiedHeader check(String headerValue, String requestUri, String expectedPassword)
      throws AuthException {
    byte[] plaintext = RsaBlocks.decrypt(keys.privateKey(), decodeBase64(headerValue));
    try {
      return checkFields(HeaderJson.parse(plaintext), plaintext, requestUri, expectedPassword);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private VerifiedHeader checkFields(HeaderFields fields, byte[] plaintext, String requestUri,
      String expectedPassword) throws AuthException {
    if (!fields.uri().equals(requestUri)) {
      throw new AuthException(AuthFailure.URI_MISMATCH, "the header was made for another uri"
          + " than " + requestUri + "; sign the exact path and query string sent");
    }

    Instant now = clock.instant();
    boolean passwordSent = !fields.auth().isEmpty();
    Optional<Instant> validUntil = passwordSent
        ? Optional.of(expiry.check(fields.ts(), now)) : Optional.empty();

    if (!expectedPassword.isEmpty() && !Passwords.matches(expectedPassword, fields.auth())) {
      throw new AuthException(AuthFailure.INCORRECT_AGENT_PASSWORD, "the agent password in"
          + " the header is wrong" + (passwordSent ? "" : " (it is empty)")
          + "; send the password the agent was given");
    }

    if (replay.isPresent() && validUntil.isPresent()
        && !replay.get().admit(Passwords.sha256(plaintext), validUntil.get(), now)) {
      throw new AuthException(AuthFailure.REPLAYED, "this header was already used; make a new"
          + " header for every request");
    }
    return new VerifiedHeader(fields.uri(), passwordSent, validUntil, fields.body());
  }

  private byte[] decodeBase64(String headerValue) throws AuthException {
    if (headerValue.length() > maxHeaderChars) {
      throw new AuthException(AuthFailure.DECRYPT_FAILED, "the header is " + headerValue.length()
          + " characters, more than the " + maxHeaderChars + " allowed; keep the uri short");
    }
    try {
      return Base64.getDecoder().decode(headerValue.strip());
    } catch (IllegalArgumentException e) {
      throw new AuthException(AuthFailure.DECRYPT_FAILED, "the header is not base64 (standard"
          + " alphabet, padded); send base64 of the encrypted blocks");
    }
  }
}
