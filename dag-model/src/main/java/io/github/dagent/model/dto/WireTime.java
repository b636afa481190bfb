package io.github.dagent.model.dto;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats times as every OBShell client parses them: RFC 3339 with up to nine fraction digits,
 * trailing zeros dropped (no dot at all for a whole second), and the zone's offset, written
 * {@code Z} for UTC as Go's {@code time.RFC3339Nano} does. Digits are always ASCII, whatever
 * the default locale. Stateless and thread-safe.
 */
public final class WireTime {
  private WireTime() {}

  /**
   * @param time the instant
   * @param zone the server's zone, whose offset is written
   * @return for example {@code 2024-01-10T11:34:32.520371417+08:00}
   */
  public static String format(Instant time, ZoneId zone) {
    Objects.requireNonNull(time, "time");
    OffsetDateTime local = time.atZone(Objects.requireNonNull(zone, "zone")).toOffsetDateTime();
    StringBuilder text = new StringBuilder(40);
    text.append(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", local.getYear(),
        local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
        local.getSecond()));
    int nanos = local.getNano();
    if (nanos != 0) {
      String fraction = String.format(Locale.ROOT, "%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    ZoneOffset offset = local.getOffset();
    text.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return text.toString();
  }

  /**
   * @param text a time in RFC 3339 as {@link #format} writes it (any offset)
   * @return the instant it names
   * @throws java.time.format.DateTimeParseException when it is not RFC 3339
   */
  public static Instant parse(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }
}
