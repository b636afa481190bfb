package io.github.dagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the run ran on, printed first so that every figure can be read against it. */
final class Machine {
  private Machine() {}

  static void describe(Report report, BenchOptions options) {
    report.info("dagent bench, " + (options.quick() ? "quick" : "full") + " run"
        + options.only().map(name -> ", only " + name).orElse(""));
    report.info("cpus " + Runtime.getRuntime().availableProcessors() + ", " + cpuModel());
    report.info("java " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + System.getProperty("os.name")
        + " " + System.getProperty("os.version"));
    report.info("load average at start: " + loadAverage());
  }

  static String loadAverage() {
    return read("/proc/loadavg").trim();
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown cpu model";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + file + " unreadable)";
    }
  }
}
