package io.github.dagent.bench;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured figure.
 *
 * @param name the stable name the summary uses, such as {@code store.commit.raw}
 * @param value the measured value
 * @param unit its unit, one word
 * @param baseline for a ratio: the figure it was divided by
 * @param note how it was measured when that differs from the full run (quick scaling), or
 *     what it is made of; empty when nothing needs saying
 */
record Figure(String name, double value, String unit, Optional<Figure> baseline, String note) {
  /** Checks for nulls and blanks. */
  Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(note, "note");
    if (name.isBlank() || unit.isBlank() || unit.contains(" ")) {
      throw new IllegalArgumentException("a figure needs a name and a one-word unit");
    }
  }

  /** The value with as many digits as are meaningful: 3 significant, no exponent. */
  String formattedValue() {
    return format(value);
  }

  /** The machine-readable line: {@code BENCH <name> <value> <unit>} and any remarks. */
  String line() {
    StringBuilder line = new StringBuilder("BENCH ").append(name).append(' ')
        .append(formattedValue()).append(' ').append(unit);
    baseline.ifPresent(base -> line.append(" baseline ").append(base.name()).append('=')
        .append(base.formattedValue()).append(' ').append(base.unit()));
    if (!note.isEmpty()) {
      line.append(" (").append(note).append(')');
    }
    return line.toString();
  }

  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    if (abs >= 100 || value == Math.rint(value) && abs >= 1) {
      return String.format(Locale.ROOT, "%d", Math.round(value));
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
