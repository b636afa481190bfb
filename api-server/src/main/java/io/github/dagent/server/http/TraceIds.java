package io.github.dagent.server.http;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes trace ids: 16 lower-case hex characters, unique per request within one agent run.
 *
 * <p>A counter is passed through a bijective 64-bit mix keyed with a random start, so ids never
 * repeat before 2^64 requests yet do not read as a sequence. Thread-safe.
 */
public final class TraceIds {
  private final AtomicLong counter;
  private final long key;

  /** Starts at a random point with a random key. */
  public TraceIds() {
    SecureRandom random = new SecureRandom();
    this.counter = new AtomicLong(random.nextLong());
    this.key = random.nextLong() | 1L;
  }

  /** The next id, 16 lower-case hex characters. */
  public String next() {
    long value = mix(counter.getAndIncrement() * key);
    String hex = Long.toHexString(value);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
