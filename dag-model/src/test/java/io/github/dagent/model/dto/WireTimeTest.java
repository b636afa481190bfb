package io.github.dagent.model.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Times as PROTOCOL.md section 1 writes them: RFC 3339, nanoseconds trimmed, zone offset. */
class WireTimeTest {
  private static final ZoneOffset PLUS_8 = ZoneOffset.ofHours(8);

  @Test
  void nine_fraction_digits_are_kept_when_none_is_zero() {
    Instant time = Instant.parse("2024-01-10T03:34:32.520371417Z");

    assertThat(WireTime.format(time, PLUS_8)).isEqualTo("2024-01-10T11:34:32.520371417+08:00");
  }

  @Test
  void trailing_zeros_of_the_fraction_are_dropped() {
    Instant time = Instant.parse("2024-01-10T03:34:22.476520000Z");

    assertThat(WireTime.format(time, PLUS_8)).isEqualTo("2024-01-10T11:34:22.47652+08:00");
    assertThat(WireTime.format(time.plusNanos(1), PLUS_8))
        .isEqualTo("2024-01-10T11:34:22.476520001+08:00");
  }

  @Test
  void whole_second_has_no_fraction_and_no_dot() {
    Instant time = Instant.parse("2024-01-10T03:34:22Z");

    assertThat(WireTime.format(time, PLUS_8)).isEqualTo("2024-01-10T11:34:22+08:00");
  }

  @Test
  void utc_is_written_z_and_negative_offsets_with_a_minus() {
    Instant time = Instant.parse("2024-01-10T03:34:22.1Z");

    assertThat(WireTime.format(time, ZoneOffset.UTC)).isEqualTo("2024-01-10T03:34:22.1Z");
    assertThat(WireTime.format(time, ZoneId.of("America/St_Johns")))
        .isEqualTo("2024-01-10T00:04:22.1-03:30");
  }

  @Test
  void digits_are_ascii_whatever_the_default_locale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
    try {
      Instant time = Instant.parse("2024-01-10T03:34:22.5Z");

      assertThat(WireTime.format(time, PLUS_8)).isEqualTo("2024-01-10T11:34:22.5+08:00");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void parse_reads_what_format_writes() {
    Instant time = Instant.parse("2024-01-10T03:34:22.000000001Z");

    assertThat(WireTime.parse(WireTime.format(time, PLUS_8))).isEqualTo(time);
  }

  @Test
  void parse_refuses_text_that_is_not_rfc_3339() {
    assertThatThrownBy(() -> WireTime.parse("2024-01-10 11:34:22"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
