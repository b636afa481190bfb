package io.github.dagent.crypto;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The {@code ts} check: ts is the unix second after which a header is no longer valid.
 *
 * <p>A header is expired when {@code ts + skew < now} in whole seconds (so {@code ts == now}
 * still passes, as in OBShell). It is refused as {@link AuthFailure#TIMESTAMP_INVALID} when
 * {@code ts} is not a decimal integer (ASCII digits, optional sign, as Go's
 * {@code strconv.ParseInt} reads it) or lies more than {@code skew + maxFuture} ahead: a header
 * valid for years would be a password-equivalent token if captured. Immutable, thread-safe.
 */
final class ExpiryPolicy {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,19}");

  private final long skewSeconds;
  private final long maxFutureSeconds;

  ExpiryPolicy(Duration skew, Duration maxFuture) {
    this.skewSeconds = skew.getSeconds();
    this.maxFutureSeconds = maxFuture.getSeconds();
  }

  /**
   * Checks a header's {@code ts}.
   *
   * @param ts the field as sent
   * @param now the current time
   * @return the instant until which the header stays acceptable ({@code ts + skew})
   * @throws AuthException {@link AuthFailure#TIMESTAMP_INVALID} or {@link AuthFailure#EXPIRED}
   */
  Instant check(String ts, Instant now) throws AuthException {
    long expiry = parse(ts);
    long nowSeconds = now.getEpochSecond();
    if (expiry < nowSeconds - skewSeconds) {
      throw new AuthException(AuthFailure.EXPIRED, "the header expired "
          + (nowSeconds - expiry) + " s ago (ts is an expiry); make a new header with ts a few"
          + " seconds ahead of now, and check the client's clock");
    }
    if (expiry - nowSeconds > skewSeconds + maxFutureSeconds) {
      throw new AuthException(AuthFailure.TIMESTAMP_INVALID, "the header's ts lies more than "
          + (skewSeconds + maxFutureSeconds) + " s in the future; set ts to now plus a few"
          + " seconds and check the client's clock");
    }
    return Instant.ofEpochSecond(expiry + skewSeconds);
  }

  private static long parse(String ts) throws AuthException {
    if (!DECIMAL.matcher(ts).matches()) {
      throw invalid();
    }
    try {
      return Long.parseLong(ts);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static AuthException invalid() {
    return new AuthException(AuthFailure.TIMESTAMP_INVALID, "the header's ts is not a number"
        + " of unix seconds; send ts as a decimal string such as \"1700000000\"");
  }
}
