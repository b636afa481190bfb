package io.github.dagent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;

/**
 * {@code java -jar dagent-bench.jar [--quick] [--only NAME] [--agent-jar PATH]}: measures every
 * figure of the issue beside its baseline and prints {@code BENCH <name> <value> <unit>} lines
 * and a summary table. Exit code 0 when every selected group ran, 1 when one failed, 2 for a
 * bad command line.
 */
public final class BenchMain {
  /** The groups in the order they run. */
  static final List<String> GROUP_NAMES =
      List.of("store", "list", "engine", "api", "crypto", "agent");

  private BenchMain() {}

  /**
   * Runs the bench.
   *
   * @param args the command line, see {@link BenchOptions#USAGE}
   * @throws IOException when the scratch directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    List<BenchGroup> groups = groups().stream()
        .filter(group -> options.selects(group.name(), group.figures())).toList();
    if (groups.isEmpty()) {
      System.err.println("--only " + options.only().orElse("") + " selects nothing; groups: "
          + GROUP_NAMES);
      System.exit(2);
      return;
    }
    Path scratch = Files.createTempDirectory("dagent-bench-");
    Path log = scratch.resolveSibling(scratch.getFileName() + ".log");
    System.setProperty("dagent.bench.log", log.toString());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Report report = new Report(out);
    Machine.describe(report, options);
    report.info("scratch directory " + scratch + ", log " + log);
    long begin = System.nanoTime();
    for (BenchGroup group : groups) {
      long groupStart = System.nanoTime();
      report.info("group " + group.name() + " started at " + Instant.now());
      try {
        group.run(new BenchRun(options, report, scratch));
      } catch (Exception | Error e) {
        report.failed(group.name(), e);
        e.printStackTrace(out);
      }
      report.info("group " + group.name() + " took "
          + Figure.format((System.nanoTime() - groupStart) / 1e9) + " s");
    }
    report.summary();
    report.info("total " + Figure.format((System.nanoTime() - begin) / 1e9) + " s, "
        + (options.quick() ? "quick" : "full") + " run; load average at end: "
        + Machine.loadAverage());
    deleteTree(scratch);
    System.exit(report.ok() ? 0 : 1);
  }

  static List<BenchGroup> groups() {
    return List.of(new StoreBench(), new ListBench(), new EngineBench(), new ApiBench(),
        new CryptoBench(), new AgentProcessBench());
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      System.err.println("could not delete the scratch directory " + root + ": " + e);
    }
  }
}
