package io.github.dagent.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The engine's time source. Every instant is truncated to milliseconds, the precision every
 * store keeps, so that a row written and read back still matches its compare-and-set.
 */
final class EngineClock {
  private final Clock clock;

  EngineClock(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A time for a row entering RUNNING again: now, but strictly after its previous start, so
   * that a stale writer holding the previous start can never win a compare-and-set.
   */
  Instant restartAfter(Instant previousStart) {
    Instant now = now();
    return now.isAfter(previousStart) ? now : previousStart.plusMillis(1);
  }

  /** A time for a row finishing: now, but never before its start. */
  Instant endAfter(Instant start) {
    Instant now = now();
    return now.isBefore(start) ? start : now;
  }
}
