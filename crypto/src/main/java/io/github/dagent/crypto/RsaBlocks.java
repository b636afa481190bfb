package io.github.dagent.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;

/**
 * The header's RSA layer: PKCS#1 v1.5 encryption of a document cut into chunks, and
 * block-by-block decryption of any such sequence.
 *
 * <p>Uses the JDK's SunJCE {@code RSA/ECB/PKCS1Padding}: it applies CRT and blinding and is
 * what a host's security policy already audits. A new {@link Cipher} per call keeps the class
 * stateless and thread-safe; its cost is small next to one private-key operation.
 */
final class RsaBlocks {
  private static final String TRANSFORMATION = "RSA/ECB/PKCS1Padding";

  private RsaBlocks() {
  }

  /**
   * Encrypts {@code plaintext} chunk by chunk and concatenates the blocks.
   *
   * @param key the server's public key
   * @param plaintext the document bytes, at least one
   * @param chunkBytes plaintext bytes per block, 1 to modulus bytes minus 11
   * @param random randomness for the padding
   * @return the concatenated ciphertext blocks, each exactly the modulus length
   */
  static byte[] encrypt(RSAPublicKey key, byte[] plaintext, int chunkBytes, SecureRandom random) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, random);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int off = 0; off < plaintext.length; off += chunkBytes) {
        int len = Math.min(chunkBytes, plaintext.length - off);
        out.writeBytes(cipher.doFinal(plaintext, off, len));
      }
      return out.toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA encryption failed; check the public key", e);
    }
  }

  /**
   * Decrypts a sequence of blocks, each exactly the modulus length, and concatenates the
   * plaintexts.
   *
   * @param key the server's private key
   * @param ciphertext the concatenated blocks
   * @return the plaintext
   * @throws AuthException {@link AuthFailure#DECRYPT_FAILED} when the length is not a whole
   *     number of blocks or a block does not decrypt; the message is the same for every cause
   *     so that it tells an attacker nothing about the padding
   */
  static byte[] decrypt(RSAPrivateKey key, byte[] ciphertext) throws AuthException {
    int blockBytes = modulusBytes(key.getModulus().bitLength());
    if (ciphertext.length == 0 || ciphertext.length % blockBytes != 0) {
      throw new AuthException(AuthFailure.DECRYPT_FAILED, "the header is " + ciphertext.length
          + " bytes, not whole " + blockBytes + "-byte RSA blocks; encrypt it with the key of"
          + " GET /api/v1/secret");
    }
    Cipher cipher = newCipher(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream(ciphertext.length);
    for (int off = 0; off < ciphertext.length; off += blockBytes) {
      try {
        out.writeBytes(cipher.doFinal(ciphertext, off, blockBytes));
      } catch (GeneralSecurityException e) {
        throw new AuthException(AuthFailure.DECRYPT_FAILED, "the header does not decrypt with"
            + " this agent's key; fetch GET /api/v1/secret again and re-encrypt");
      }
    }
    return out.toByteArray();
  }

  /**
   * The block length of a key.
   *
   * @param modulusBits the modulus bit length
   * @return the modulus length in whole bytes
   */
  static int modulusBytes(int modulusBits) {
    return (modulusBits + 7) / 8;
  }

  private static Cipher newCipher(RSAPrivateKey key) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key);
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot decrypt " + TRANSFORMATION, e);
    }
  }
}
