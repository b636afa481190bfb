package io.github.dagent.crypto;

import java.util.Optional;

/**
 * The four fields of a decrypted header document, as sent.
 *
 * @param auth the password, empty when absent
 * @param ts the expiry as sent (unix seconds as text when well-formed), empty when absent
 * @param uri the signed path and query, empty when absent
 * @param body the AES key and IV of the {@code keys} field, empty when absent
 */
record HeaderFields(String auth, String ts, String uri, Optional<BodyCipher> body) {

  /** Masks every field: a header's content never reaches a log line. */
  @Override
  public String toString() {
    return "HeaderFields[masked]";
  }
}
