package io.github.dagent.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Constant-time password comparison.
 *
 * <p>Both sides are hashed with SHA-256 first, so the comparison of the fixed-length digests
 * with {@link MessageDigest#isEqual} takes the same time whatever the lengths or the position
 * of the first differing character.
 */
final class Passwords {
  private Passwords() {
  }

  /**
   * Compares two passwords.
   *
   * @param expected the agent password
   * @param given the header's {@code auth}
   * @return whether they are equal
   */
  static boolean matches(String expected, String given) {
    return MessageDigest.isEqual(sha256(expected.getBytes(StandardCharsets.UTF_8)),
        sha256(given.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * SHA-256 of some bytes.
   *
   * @param bytes the input
   * @return the 32-byte digest
   */
  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
