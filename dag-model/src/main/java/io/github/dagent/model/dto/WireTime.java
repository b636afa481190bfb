package io.github.dagent.model.dto;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    digits(text, local.getYear(), 4).append('-');
    digits(text, local.getMonthValue(), 2).append('-');
    digits(text, local.getDayOfMonth(), 2).append('T');
    digits(text, local.getHour(), 2).append(':');
    digits(text, local.getMinute(), 2).append(':');
    digits(text, local.getSecond(), 2);
    int nanos = local.getNano();
    if (nanos != 0) {
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      digits(text.append('.'), nanos, width);
    }
    ZoneOffset offset = local.getOffset();
    text.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return text.toString();
  }

  /**
   * Appends a non-negative number as ASCII digits, zero-padded to a width (formatting with
   * String.format cost more than the rest of a listing).
   */
  private static StringBuilder digits(StringBuilder text, int value, int width) {
    String plain = Integer.toString(value);
    for (int i = plain.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(plain);
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
