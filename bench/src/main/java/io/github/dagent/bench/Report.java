package io.github.dagent.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects figures, prints each as soon as it is known, and prints the closing summary table.
 * Used from the main thread only.
 */
final class Report {
  private final PrintStream out;
  private final Map<String, Figure> figures = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  Report(PrintStream out) {
    this.out = out;
  }

  /**
   * Records and prints a figure.
   *
   * @return the figure
   */
  Figure add(String name, double value, String unit, String note) {
    return put(new Figure(name, value, unit, Optional.empty(), note));
  }

  /** Records and prints a figure without a note. */
  Figure add(String name, double value, String unit) {
    return add(name, value, unit, "");
  }

  /**
   * Records and prints a ratio of two figures already measured in this run.
   *
   * @param name the ratio's name
   * @param measured the figure divided
   * @param baseline the figure it is divided by, printed beside the ratio
   * @param note what the ratio means
   * @return the ratio
   */
  Figure ratio(String name, Figure measured, Figure baseline, String note) {
    return put(new Figure(name, measured.value() / baseline.value(), "x",
        Optional.of(baseline), note));
  }

  /** A figure measured earlier in this run. */
  Optional<Figure> find(String name) {
    return Optional.ofNullable(figures.get(name));
  }

  /** Prints a line that is not a figure (progress, set-up, the machine). */
  void info(String text) {
    out.println("# " + text);
    out.flush();
  }

  /** Records that a group failed; the summary lists it and the exit code is 1. */
  void failed(String group, Throwable error) {
    String text = group + ": " + error;
    failures.add(text);
    out.println("BENCH-FAILED " + text);
    out.flush();
  }

  /** True when every group ran. */
  boolean ok() {
    return failures.isEmpty();
  }

  /** Prints the summary table of every figure of the run. */
  void summary() {
    out.println();
    out.println("SUMMARY");
    String format = "%-30s %12s %-12s %-40s %s%n";
    out.printf(format, "figure", "value", "unit", "baseline", "note");
    out.printf(format, "-".repeat(30), "-".repeat(12), "-".repeat(12), "-".repeat(40),
        "-".repeat(4));
    for (Figure figure : figures.values()) {
      String base = figure.baseline()
          .map(b -> b.name() + " = " + b.formattedValue() + " " + b.unit()).orElse("");
      out.printf(format, figure.name(), figure.formattedValue(), figure.unit(), base,
          figure.note());
    }
    for (String failure : failures) {
      out.println("FAILED " + failure);
    }
    out.flush();
  }

  private Figure put(Figure figure) {
    figures.put(figure.name(), figure);
    out.println(figure.line());
    out.flush();
    return figure;
  }
}
