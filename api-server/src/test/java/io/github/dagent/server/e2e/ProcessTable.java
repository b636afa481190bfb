package io.github.dagent.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code /proc} says of a process the tests started or expect to be gone. */
final class ProcessTable {
  private ProcessTable() {}

  /** Alive and not a zombie (a container's init may not reap orphans). */
  static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    return !text.substring(text.lastIndexOf(')') + 1).trim().startsWith("Z");
  }
}
