package io.github.dagent.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM and DER forms of the agent's RSA keys.
 *
 * <p>The JDK reads and writes only PKCS#8 private keys and X.509 public keys; OBShell speaks
 * PKCS#1 ({@code RSA PRIVATE KEY}, and the {@code RSAPublicKey} structure of
 * {@code /api/v1/secret}). BouncyCastle's ASN.1 classes and PEM armor fill that gap; the key
 * objects themselves are built by the JDK's {@link KeyFactory}. BouncyCastle is used as a
 * library, never registered as a JCA provider. Stateless and thread-safe.
 */
final class PemKeys {
  private static final String PKCS1_PRIVATE = "RSA PRIVATE KEY";
  private static final String PKCS8_PRIVATE = "PRIVATE KEY";

  private PemKeys() {
  }

  /**
   * Writes a private key as PKCS#1 PEM.
   *
   * @param key the private key
   * @return the PEM text, {@code -----BEGIN RSA PRIVATE KEY-----} armored
   */
  static String privatePem(RSAPrivateCrtKey key) {
    org.bouncycastle.asn1.pkcs.RSAPrivateKey asn1 = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(
        key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(),
        key.getPrimeQ(), key.getPrimeExponentP(), key.getPrimeExponentQ(),
        key.getCrtCoefficient());
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(PKCS1_PRIVATE, asn1.getEncoded(ASN1Encoding.DER)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an RSA key", e);
    }
    return out.toString();
  }

  /**
   * Reads a private key from PEM: PKCS#1 ({@code RSA PRIVATE KEY}) or unencrypted PKCS#8
   * ({@code PRIVATE KEY}), the first armored object of the text.
   *
   * @param pem the PEM text
   * @return the key pair, the public half derived from the private key
   * @throws IllegalArgumentException if the text holds no such key; the message says which
   *     kind of object it found, never any key material
   */
  static KeyPair parsePrivate(String pem) {
    PemObject object = readFirst(pem);
    try {
      RSAPrivateCrtKeySpec spec = switch (object.getType()) {
        case PKCS1_PRIVATE -> pkcs1Spec(object.getContent());
        case PKCS8_PRIVATE -> pkcs8Spec(object.getContent());
        default -> throw new IllegalArgumentException("the PEM holds '" + object.getType()
            + "', not an unencrypted RSA PRIVATE KEY or PRIVATE KEY");
      };
      KeyFactory factory = KeyFactory.getInstance("RSA");
      PrivateKey privateKey = factory.generatePrivate(spec);
      PublicKey publicKey = factory.generatePublic(
          new RSAPublicKeySpec(spec.getModulus(), spec.getPublicExponent()));
      return new KeyPair(publicKey, privateKey);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the PEM does not hold a valid RSA private key", e);
    }
  }

  /**
   * Encodes a public key as DER of the PKCS#1 {@code RSAPublicKey} structure.
   *
   * @param key the public key
   * @return the DER bytes
   */
  static byte[] publicDer(RSAPublicKey key) {
    try {
      return new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(),
          key.getPublicExponent()).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an RSA public key", e);
    }
  }

  /**
   * Decodes a public key from DER: PKCS#1 {@code RSAPublicKey}, or X.509
   * {@code SubjectPublicKeyInfo} as some tools export it.
   *
   * @param der the DER bytes
   * @return the key
   * @throws IllegalArgumentException if the bytes are neither
   */
  static RSAPublicKey parsePublic(byte[] der) {
    KeyFactory factory = rsaFactory();
    try {
      org.bouncycastle.asn1.pkcs.RSAPublicKey asn1 =
          org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
      return (RSAPublicKey) factory.generatePublic(
          new RSAPublicKeySpec(asn1.getModulus(), asn1.getPublicExponent()));
    } catch (GeneralSecurityException | RuntimeException pkcs1Failure) {
      try {
        return (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IllegalArgumentException("the public key is neither a PKCS#1 RSAPublicKey"
            + " nor an X.509 RSA key; pass data.public_key of GET /api/v1/secret", e);
      }
    }
  }

  private static PemObject readFirst(String pem) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject object = reader.readPemObject();
      if (object == null) {
        throw new IllegalArgumentException("the text holds no PEM object");
      }
      if (!object.getHeaders().isEmpty()) {
        throw new IllegalArgumentException("the PEM key is encrypted; store it unencrypted"
            + " with owner-only permissions");
      }
      return object;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the PEM armor or its base64 is malformed", e);
    }
  }

  private static RSAPrivateCrtKeySpec pkcs1Spec(byte[] der) {
    org.bouncycastle.asn1.pkcs.RSAPrivateKey k =
        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
    return new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
        k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(),
        k.getExponent2(), k.getCoefficient());
  }

  private static RSAPrivateCrtKeySpec pkcs8Spec(byte[] der) throws GeneralSecurityException {
    PrivateKey key = rsaFactory().generatePrivate(new PKCS8EncodedKeySpec(der));
    if (!(key instanceof RSAPrivateCrtKey)) {
      throw new IllegalArgumentException("the PKCS#8 key is not an RSA key with CRT values");
    }
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
    return new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
        k.getPrivateExponent(), k.getPrimeP(),
        k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient());
  }

  private static KeyFactory rsaFactory() {
    try {
      return KeyFactory.getInstance("RSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has an RSA KeyFactory", e);
    }
  }
}
