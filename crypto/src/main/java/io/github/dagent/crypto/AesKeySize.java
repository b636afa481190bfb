package io.github.dagent.crypto;

/** The AES key length a client picks for the body; the server accepts both. */
public enum AesKeySize {
  /** 16-byte key, what the Python SDK sends. */
  AES_128(16),
  /** 32-byte key. */
  AES_256(32);

  private final int keyBytes;

  AesKeySize(int keyBytes) {
    this.keyBytes = keyBytes;
  }

  /**
   * The key length in bytes.
   *
   * @return 16 or 32
   */
  public int keyBytes() {
    return keyBytes;
  }
}
