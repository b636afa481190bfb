package io.github.dagent.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body's AES layer: AES-CBC with PKCS#7 padding under the key and IV of the header's
 * {@code keys} field, base64 on the wire.
 *
 * <p>Uses the JDK's SunJCE {@code AES/CBC/PKCS5Padding} (PKCS#5 padding on 16-byte blocks is
 * PKCS#7). Immutable and thread-safe: each call makes its own {@link Cipher}.
 */
final class BodyCipher {
  static final int IV_BYTES = 16;
  private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

  private final SecretKeySpec key;
  private final byte[] iv;

  private BodyCipher(byte[] keyBytes, byte[] iv) {
    this.key = new SecretKeySpec(keyBytes, "AES");
    this.iv = iv.clone();
  }

  /**
   * Splits a {@code keys} value into key and IV.
   *
   * @param keyAndIv the AES key (16 or 32 bytes) followed by the 16-byte IV
   * @return the cipher
   * @throws IllegalArgumentException if the length is neither 32 nor 48
   */
  static BodyCipher fromKeys(byte[] keyAndIv) {
    int keyBytes = keyAndIv.length - IV_BYTES;
    if (keyBytes != AesKeySize.AES_128.keyBytes() && keyBytes != AesKeySize.AES_256.keyBytes()) {
      throw new IllegalArgumentException("keys must be 32 or 48 bytes, got " + keyAndIv.length);
    }
    byte[] keyPart = Arrays.copyOfRange(keyAndIv, 0, keyBytes);
    byte[] ivPart = Arrays.copyOfRange(keyAndIv, keyBytes, keyAndIv.length);
    BodyCipher cipher = new BodyCipher(keyPart, ivPart);
    Arrays.fill(keyPart, (byte) 0);
    return cipher;
  }

  /**
   * The key length.
   *
   * @return 128 or 256
   */
  int keyBits() {
    return key.getEncoded().length * 8;
  }

  /**
   * Encrypts a body.
   *
   * @param plaintext the body bytes, possibly empty
   * @return base64 (standard alphabet, padded) of the ciphertext
   */
  String encrypt(byte[] plaintext) {
    try {
      return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES encryption failed", e);
    }
  }

  /**
   * Decrypts a body as received; white space around the text is ignored.
   *
   * @param text base64 of the ciphertext
   * @return the plaintext bytes
   * @throws AuthException {@link AuthFailure#BODY_UNDECRYPTABLE} when the text is not base64,
   *     not whole AES blocks, or does not unpad
   */
  byte[] decrypt(String text) throws AuthException {
    byte[] ciphertext;
    try {
      ciphertext = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw bodyFailure("the body is not base64");
    }
    if (ciphertext.length == 0 || ciphertext.length % IV_BYTES != 0) {
      throw bodyFailure("the body is " + ciphertext.length + " bytes, not whole AES blocks");
    }
    try {
      return cipher(Cipher.DECRYPT_MODE).doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      throw bodyFailure("the body does not decrypt under the header's keys");
    }
  }

  private static AuthException bodyFailure(String what) {
    return new AuthException(AuthFailure.BODY_UNDECRYPTABLE, what
        + "; send base64 of AES-CBC/PKCS#7 under the key and IV of the header's keys field");
  }

  private Cipher cipher(int mode) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new IvParameterSpec(iv));
    return cipher;
  }

  @Override
  public String toString() {
    return "BodyCipher[AES-" + keyBits() + "-CBC, key masked]";
  }
}
