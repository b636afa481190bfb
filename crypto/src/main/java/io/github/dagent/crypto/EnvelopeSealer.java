package io.github.dagent.crypto;

import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** The {@link RequestSealer} of the envelope. */
final class EnvelopeSealer implements RequestSealer {
  private final RSAPublicKey publicKey;
  private final Clock clock;
  private final long validitySeconds;
  private final AesKeySize aesKeySize;
  private final int chunkBytes;
  private final SecureRandom random = new SecureRandom();

  EnvelopeSealer(RequestSealer.Builder settings) {
    this.publicKey = settings.publicKey;
    this.clock = settings.clock;
    this.validitySeconds = settings.validity.getSeconds();
    this.aesKeySize = settings.aesKeySize;
    this.chunkBytes = settings.chunking.chunkBytes(
        RsaBlocks.modulusBytes(publicKey.getModulus().bitLength()));
  }

  @Override
  public SealedRequest seal(HeaderKind kind, String password, String uri,
      Optional<byte[]> body) {
    String ts = Long.toString(clock.instant().getEpochSecond() + validitySeconds);
    return seal(kind, password, uri, ts, body);
  }

  @Override
  public SealedRequest seal(HeaderKind kind, String password, String uri, String ts,
      Optional<byte[]> body) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(body, "body");

    byte[] keyAndIv = new byte[aesKeySize.keyBytes() + BodyCipher.IV_BYTES];
    random.nextBytes(keyAndIv);
    BodyCipher cipher = BodyCipher.fromKeys(keyAndIv);
    byte[] document = HeaderJson.write(password, ts, uri, keyAndIv);
    Arrays.fill(keyAndIv, (byte) 0);

    String headerValue = encryptHeader(document);
    Arrays.fill(document, (byte) 0);
    return new SealedRequest(kind, headerValue, ts, body.map(cipher::encrypt), cipher);
  }

  @Override
  public String encryptHeader(byte[] document) {
    Objects.requireNonNull(document, "document");
    if (document.length == 0) {
      throw new IllegalArgumentException("the header document is empty");
    }
    return Base64.getEncoder().encodeToString(
        RsaBlocks.encrypt(publicKey, document, chunkBytes, random));
  }
}
