package io.github.dagent.bench;

import java.util.List;

/** A set of figures measured together because they share a fixture. */
interface BenchGroup {
  /** The name {@code --only} selects it by, such as {@code store}. */
  String name();

  /** The names of the figures it prints, for {@code --only} and the usage. */
  List<String> figures();

  /**
   * Measures and reports its figures.
   *
   * @param run the run's settings, report and scratch directory
   * @throws Exception any failure; the run reports it and goes on with the next group
   */
  void run(BenchRun run) throws Exception;
}
