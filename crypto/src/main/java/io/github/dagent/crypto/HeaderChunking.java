package io.github.dagent.crypto;

/**
 * How a client cuts the header document into RSA PKCS#1 v1.5 blocks.
 *
 * <p>The server does not care: every ciphertext block is exactly the modulus length whatever
 * chunk made it. Immutable and thread-safe.
 */
public final class HeaderChunking {
  /** PKCS#1 v1.5 encryption padding takes at least 11 bytes of each block. */
  static final int PADDING_BYTES = 11;
  private static final int PYTHON_SDK_CHUNK = 53;

  /** A fixed chunk size in bytes, or 0 for "modulus bytes minus 11". */
  private final int fixedBytes;

  private HeaderChunking(int fixedBytes) {
    this.fixedBytes = fixedBytes;
  }

  /**
   * 53-byte chunks, as the OBShell Python SDK cuts them.
   *
   * @return the chunking
   */
  public static HeaderChunking pythonSdk() {
    return new HeaderChunking(PYTHON_SDK_CHUNK);
  }

  /**
   * Chunks of the largest size a block holds (modulus bytes minus 11), as the Go SDK cuts them.
   *
   * @return the chunking
   */
  public static HeaderChunking modulusMinus11() {
    return new HeaderChunking(0);
  }

  /**
   * Chunks of a given size.
   *
   * @param bytes chunk size, at least 1; it must also fit the key (at most modulus bytes
   *     minus 11), which is checked when a header is sealed
   * @return the chunking
   * @throws IllegalArgumentException if {@code bytes} is below 1
   */
  public static HeaderChunking fixed(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1 byte, got " + bytes);
    }
    return new HeaderChunking(bytes);
  }

  /**
   * The chunk size for a key.
   *
   * @param modulusBytes the RSA modulus length in bytes
   * @return the plaintext bytes per block
   * @throws IllegalArgumentException if a fixed size does not fit the key
   */
  int chunkBytes(int modulusBytes) {
    int max = modulusBytes - PADDING_BYTES;
    if (fixedBytes == 0) {
      return max;
    }
    if (fixedBytes > max) {
      throw new IllegalArgumentException("chunk size " + fixedBytes + " does not fit a "
          + modulusBytes * 8 + "-bit key (at most " + max + " bytes)");
    }
    return fixedBytes;
  }

  @Override
  public String toString() {
    return fixedBytes == 0 ? "HeaderChunking[modulus-11]" : "HeaderChunking[" + fixedBytes + "]";
  }
}
