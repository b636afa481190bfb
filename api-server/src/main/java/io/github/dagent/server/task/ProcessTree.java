package io.github.dagent.server.task;

import java.util.List;

/** Kills a process and everything it started. */
final class ProcessTree {
  private ProcessTree() {}

  /**
   * Takes the list of descendants first (they are re-parented once their parent dies and
   * would drop out of it), kills the root so it starts nothing new, then every descendant.
   * A process that left the tree on its own (setsid plus a double fork) is not found.
   *
   * @param root the process to kill with its descendants
   */
  static void kill(ProcessHandle root) {
    List<ProcessHandle> tree = root.descendants().toList();
    root.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }
}
