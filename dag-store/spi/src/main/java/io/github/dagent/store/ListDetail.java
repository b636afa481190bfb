package io.github.dagent.store;

/** How much of each dag a listing reads. */
public enum ListDetail {
  /** The dag rows only (one statement). */
  DAGS,
  /** Dags, nodes and sub-tasks. */
  GRAPHS,
  /** Dags, nodes, sub-tasks and every sub-task's log lines. */
  GRAPHS_WITH_LOGS
}
