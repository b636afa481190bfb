package io.github.dagent.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line of the bench jar.
 *
 * @param quick scaled-down sizes and windows, finishing in under a minute on two cores
 * @param only run only the group with this name, or else the groups with a figure starting
 *     with it
 * @param agentJar the agent jar that {@code agent.*} starts; empty means
 *     {@code api-server/target/dagent.jar} next to the bench jar's project, else in the
 *     working directory
 * @param help print the usage and exit
 */
record BenchOptions(boolean quick, Optional<String> only, Optional<Path> agentJar,
    boolean help) {

  /** The usage text. */
  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar bench/target/dagent-bench.jar [--quick] [--only NAME]"
          + " [--agent-jar PATH]",
      "  --quick           smaller sizes and shorter windows (under 60 s on 2 cores)",
      "  --only NAME       one group (" + String.join(", ", BenchMain.GROUP_NAMES)
          + ") or the figures starting with NAME",
      "  --agent-jar PATH  the agent jar for agent.start.ms / agent.rss.mb"
          + " (default api-server/target/dagent.jar)",
      "Prints one line per figure: BENCH <name> <value> <unit>, then a summary table.");

  /** Checks for nulls. */
  BenchOptions {
    Objects.requireNonNull(only, "only");
    Objects.requireNonNull(agentJar, "agentJar");
  }

  /**
   * @param args the command line
   * @return the options
   * @throws IllegalArgumentException naming the argument that is unknown or lacks its value
   */
  static BenchOptions parse(String... args) {
    boolean quick = false;
    boolean help = false;
    Optional<String> only = Optional.empty();
    Optional<Path> jar = Optional.empty();
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      switch (arg) {
        case "--quick" -> quick = true;
        case "--help", "-h" -> help = true;
        case "--only" -> only = Optional.of(value(list, ++i, arg));
        case "--agent-jar" -> jar = Optional.of(Path.of(value(list, ++i, arg)));
        default -> {
          if (arg.startsWith("--only=")) {
            only = Optional.of(nonBlank(arg.substring("--only=".length()), "--only"));
          } else if (arg.startsWith("--agent-jar=")) {
            jar = Optional.of(Path.of(nonBlank(arg.substring("--agent-jar=".length()),
                "--agent-jar")));
          } else {
            throw new IllegalArgumentException("unknown argument '" + arg + "'; "
                + "run with --help for the usage");
          }
        }
      }
    }
    return new BenchOptions(quick, only, jar, help);
  }

  /**
   * @param group a group's name
   * @param figures the names of the figures it prints
   * @return true when no {@code --only} was given, or it names this group, or it names no
   *     group and one of this group's figures starts with it
   */
  boolean selects(String group, List<String> figures) {
    if (only.isEmpty()) {
      return true;
    }
    String name = only.get();
    if (BenchMain.GROUP_NAMES.contains(name)) {
      return name.equals(group);
    }
    return figures.stream().anyMatch(figure -> figure.startsWith(name));
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value; run with --help");
    }
    return nonBlank(args.get(index), option);
  }

  private static String nonBlank(String value, String option) {
    if (value.isBlank() || value.startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value, got '" + value
          + "'; run with --help");
    }
    return value;
  }
}
