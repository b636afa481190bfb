package io.github.dagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every group gets: whether the run is quick, the report, and a scratch directory that is
 * deleted at the end of the run.
 *
 * @param options the command line
 * @param report where figures go
 * @param scratch a fresh temporary directory for this run
 */
record BenchRun(BenchOptions options, Report report, Path scratch) {

  boolean quick() {
    return options.quick();
  }

  /** The quick or the full value. */
  int pick(int quickValue, int fullValue) {
    return quick() ? quickValue : fullValue;
  }

  /** The quick or the full window. */
  Duration window(Duration quickValue, Duration fullValue) {
    return quick() ? quickValue : fullValue;
  }

  /**
   * @param name a directory name
   * @return a new empty directory under the scratch directory
   * @throws IOException when it cannot be made
   */
  Path directory(String name) throws IOException {
    return Files.createTempDirectory(scratch, name + "-");
  }
}
