package io.github.dagent.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The agent's RSA key pair: what {@code GET /api/v1/secret} publishes and what decrypts the
 * headers.
 *
 * <p>Made once and kept, so clients that cached the public key keep working across restarts:
 * {@link #loadOrCreate(Path, int)} keeps it in a PEM file with owner-only permissions; a host
 * that stores it elsewhere uses {@link #fromPem(String)} and {@link #privateKeyPem()}, or hands
 * in a {@link KeyPair}. Keys of 1024 bits and more are accepted (OBShell agents made 1024-bit
 * keys); new keys default to 2048 bits. Immutable and thread-safe; {@link #toString()} shows
 * no key material.
 */
public final class AgentKeys {
  /** Bits of a new key unless configured otherwise. */
  public static final int DEFAULT_BITS = 2048;
  /** The smallest key accepted, the size older OBShell agents made. */
  public static final int MIN_BITS = 1024;
  /** The smallest key {@link #generate(int)} makes. */
  public static final int MIN_NEW_BITS = 2048;
  /** The largest key {@link #generate(int)} makes. */
  public static final int MAX_NEW_BITS = 16384;

  private final RSAPublicKey publicKey;
  private final RSAPrivateKey privateKey;

  private AgentKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /**
   * Loads the key pair from a PEM file, or makes one and writes it there if the file does not
   * exist. A new file is written with permissions 0600 (owner read/write) in one atomic step.
   *
   * @param file the PEM file; its missing parent directories are made with 0700
   * @param bitsForNewKey the size of a key made here, {@link #MIN_NEW_BITS} to
   *     {@link #MAX_NEW_BITS} (checked even when the file exists, so a bad setting shows at
   *     once)
   * @return the keys
   * @throws KeyFileException if the file is readable or writable by group or others, or does
   *     not hold an unencrypted RSA private key of at least {@link #MIN_BITS} bits (PKCS#1 or
   *     PKCS#8 PEM); the message names the file
   * @throws IOException if the file or its directory cannot be read or written
   */
  public static AgentKeys loadOrCreate(Path file, int bitsForNewKey) throws IOException {
    Objects.requireNonNull(file, "file");
    checkNewBits(bitsForNewKey);
    return KeyFiles.loadOrCreate(file, bitsForNewKey);
  }

  /**
   * Makes a new key pair in memory.
   *
   * @param bits the modulus size, {@link #MIN_NEW_BITS} to {@link #MAX_NEW_BITS}
   * @return the keys
   * @throws IllegalArgumentException if {@code bits} is out of range
   */
  public static AgentKeys generate(int bits) {
    checkNewBits(bits);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return fromKeyPair(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK makes RSA keys", e);
    }
  }

  /**
   * Wraps a key pair a host made or stored itself.
   *
   * @param keyPair an RSA key pair of at least {@link #MIN_BITS} bits whose halves belong
   *     together
   * @return the keys
   * @throws IllegalArgumentException if the pair is not RSA, too small, mismatched, or its
   *     private half does not decrypt a probe its public half encrypted
   */
  public static AgentKeys fromKeyPair(KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    if (!(keyPair.getPublic() instanceof RSAPublicKey pub)
        || !(keyPair.getPrivate() instanceof RSAPrivateKey priv)) {
      throw new IllegalArgumentException("the key pair is not RSA; the protocol needs RSA");
    }
    if (!pub.getModulus().equals(priv.getModulus())) {
      throw new IllegalArgumentException("the public and private keys do not belong together");
    }
    if (pub.getModulus().bitLength() < MIN_BITS) {
      throw new IllegalArgumentException("the key has " + pub.getModulus().bitLength()
          + " bits; at least " + MIN_BITS + " are needed");
    }
    checkHalvesWork(pub, priv);
    return new AgentKeys(pub, priv);
  }

  /**
   * Reads a key pair from PEM text a host stored.
   *
   * @param pem an unencrypted PKCS#1 ({@code RSA PRIVATE KEY}) or PKCS#8 ({@code PRIVATE KEY})
   *     RSA private key
   * @return the keys
   * @throws IllegalArgumentException if the text holds no such key, or it is too small; the
   *     message holds no key material
   */
  public static AgentKeys fromPem(String pem) {
    Objects.requireNonNull(pem, "pem");
    return fromKeyPair(PemKeys.parsePrivate(pem));
  }

  /**
   * The public key as {@code GET /api/v1/secret} publishes it.
   *
   * @return base64 (standard, padded) of the DER PKCS#1 {@code RSAPublicKey} structure
   */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(PemKeys.publicDer(publicKey));
  }

  /**
   * The public key.
   *
   * @return the JDK key object
   */
  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /**
   * The modulus size.
   *
   * @return bits, for example 2048
   */
  public int modulusBits() {
    return publicKey.getModulus().bitLength();
  }

  /**
   * The private key as PKCS#1 PEM, for a host that keeps it in its own store. The text is a
   * secret: store it with owner-only access and never log it.
   *
   * @return the {@code RSA PRIVATE KEY} PEM text
   * @throws IllegalStateException if the host handed in a private key without CRT values
   */
  public String privateKeyPem() {
    if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalStateException("the private key has no CRT values to write as PKCS#1");
    }
    return PemKeys.privatePem(crt);
  }

  /**
   * The private key, for the verifier.
   *
   * @return the JDK key object
   */
  RSAPrivateKey privateKey() {
    return privateKey;
  }

  /** One probe block at load catches a corrupted key before every client fails on it. */
  private static void checkHalvesWork(RSAPublicKey pub, RSAPrivateKey priv) {
    if (!probeRoundTrips(pub, priv)) {
      throw new IllegalArgumentException("the private key does not decrypt what its public"
          + " key encrypts; the key is corrupted");
    }
  }

  private static boolean probeRoundTrips(RSAPublicKey pub, RSAPrivateKey priv) {
    byte[] probe = {0x64, 0x61, 0x67};
    try {
      return Arrays.equals(probe, RsaBlocks.decrypt(priv,
          RsaBlocks.encrypt(pub, probe, probe.length, new SecureRandom())));
    } catch (AuthException e) {
      return false;
    }
  }

  private static void checkNewBits(int bits) {
    if (bits < MIN_NEW_BITS || bits > MAX_NEW_BITS) {
      throw new IllegalArgumentException("a new key must have " + MIN_NEW_BITS + " to "
          + MAX_NEW_BITS + " bits, got " + bits);
    }
  }

  @Override
  public String toString() {
    return "AgentKeys[RSA-" + modulusBits() + ", private key masked]";
  }
}
