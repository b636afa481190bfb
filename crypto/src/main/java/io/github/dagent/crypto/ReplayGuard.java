package io.github.dagent.crypto;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers accepted headers until they expire, to refuse a second use.
 *
 * <p>Design: a header is known by the SHA-256 of its decrypted document (which holds a fresh
 * random AES key per request), so re-encoding or re-encrypting a captured value does not make
 * it new. Entries live until the header's own expiry; memory is bounded by {@code capacity}
 * entries of about 150 bytes. When full of unexpired entries, the entry closest to expiry is
 * dropped to admit the new one, and a header so dropped could be replayed for the rest of its
 * short life: a warning says so, at most once a minute. One lock guards both structures;
 * each call is O(log n).
 */
final class ReplayGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
  private static final long WARN_INTERVAL_SECONDS = 60;

  private final int capacity;
  private final Map<ByteBuffer, Long> expiries = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();
  private long earlyEvictions;
  private boolean warned;
  private long lastWarnSecond;

  ReplayGuard(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Admits a header once.
   *
   * @param digest SHA-256 of the decrypted document
   * @param validUntil the instant after which the header is expired anyway
   * @param now the current time
   * @return true the first time, false when the same header is still remembered
   */
  synchronized boolean admit(byte[] digest, Instant validUntil, Instant now) {
    long nowSecond = now.getEpochSecond();
    dropExpired(nowSecond);

    ByteBuffer key = ByteBuffer.wrap(digest.clone());
    if (expiries.containsKey(key)) {
      return false;
    }

    while (expiries.size() >= capacity) {
      expiries.remove(byExpiry.poll().key());
      earlyEvictions++;
      warnEarlyEviction(nowSecond);
    }
    expiries.put(key, validUntil.getEpochSecond());
    byExpiry.add(new Entry(validUntil.getEpochSecond(), key));
    return true;
  }

  /**
   * How many headers are remembered.
   *
   * @return at most the capacity
   */
  synchronized int size() {
    return expiries.size();
  }

  private void dropExpired(long nowSecond) {
    while (!byExpiry.isEmpty() && byExpiry.peek().validUntil() < nowSecond) {
      expiries.remove(byExpiry.poll().key());
    }
  }

  private void warnEarlyEviction(long nowSecond) {
    if (!warned || nowSecond - lastWarnSecond >= WARN_INTERVAL_SECONDS) {
      warned = true;
      lastWarnSecond = nowSecond;
      LOG.warn("replay cache full ({} headers): dropped {} unexpired entries so far; those"
          + " headers could be replayed until they expire; raise the replay capacity",
          capacity, earlyEvictions);
    }
  }

  private record Entry(long validUntil, ByteBuffer key) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      return Long.compare(validUntil, other.validUntil);
    }
  }
}
