package io.github.dagent.store;

import io.github.dagent.model.Dag;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Node;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes that {@link DagStore#commit} writes in one transaction. Each update names the row
 * as the writer last read it ({@code expected}: its id, state and start time are the
 * compare-and-set condition) and the row as it should be ({@code updated}: every mutable column
 * is written). Immutable; build one with {@link #builder()}.
 *
 * @param dags dag updates
 * @param nodes node updates
 * @param subTasks sub-task updates
 * @param logs log lines to append
 * @param locksTaken maintenance locks to take
 * @param locksReleased dags whose locks to release
 */
public record ChangeSet(
    List<Update<Dag>> dags, List<Update<Node>> nodes, List<Update<SubTask>> subTasks,
    List<TaskLog> logs, List<LockTake> locksTaken, List<Long> locksReleased) {

  /** Copies every list. */
  public ChangeSet {
    dags = List.copyOf(dags);
    nodes = List.copyOf(nodes);
    subTasks = List.copyOf(subTasks);
    logs = List.copyOf(logs);
    locksTaken = List.copyOf(locksTaken);
    locksReleased = List.copyOf(locksReleased);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** True when there is nothing to write. */
  public boolean isEmpty() {
    return dags.isEmpty() && nodes.isEmpty() && subTasks.isEmpty() && logs.isEmpty()
        && locksTaken.isEmpty() && locksReleased.isEmpty();
  }

  /**
   * One compare-and-set update.
   *
   * @param expected the row as last read; same id as {@code updated}
   * @param updated the row to write
   * @param <T> Dag, Node or SubTask
   */
  public record Update<T>(T expected, T updated) {
    /** Checks for nulls. */
    public Update {
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(updated, "updated");
    }
  }

  /**
   * Take a maintenance lock for a dag; a lock the dag already holds is taken again silently.
   *
   * @param dagId the dag taking it
   * @param lock the lock
   */
  public record LockTake(long dagId, Maintenance lock) {
    /** Checks for nulls. */
    public LockTake {
      Objects.requireNonNull(lock, "lock");
    }
  }

  /** Collects changes; not thread-safe. */
  public static final class Builder {
    private final List<Update<Dag>> dags = new ArrayList<>();
    private final List<Update<Node>> nodes = new ArrayList<>();
    private final List<Update<SubTask>> subTasks = new ArrayList<>();
    private final List<TaskLog> logs = new ArrayList<>();
    private final List<LockTake> locksTaken = new ArrayList<>();
    private final List<Long> locksReleased = new ArrayList<>();

    private Builder() {}

    /** Adds a dag update. */
    public Builder dag(Dag expected, Dag updated) {
      requireSameId(expected.id(), updated.id());
      dags.add(new Update<>(expected, updated));
      return this;
    }

    /** Adds a node update. */
    public Builder node(Node expected, Node updated) {
      requireSameId(expected.id(), updated.id());
      nodes.add(new Update<>(expected, updated));
      return this;
    }

    /** Adds a sub-task update. */
    public Builder subTask(SubTask expected, SubTask updated) {
      requireSameId(expected.id(), updated.id());
      subTasks.add(new Update<>(expected, updated));
      return this;
    }

    /** Adds a log line. */
    public Builder log(TaskLog log) {
      logs.add(Objects.requireNonNull(log, "log"));
      return this;
    }

    /** Takes a lock for a dag. */
    public Builder takeLock(long dagId, Maintenance lock) {
      locksTaken.add(new LockTake(dagId, lock));
      return this;
    }

    /** Releases every lock a dag holds. */
    public Builder releaseLocks(long dagId) {
      locksReleased.add(dagId);
      return this;
    }

    /** The change set. */
    public ChangeSet build() {
      return new ChangeSet(dags, nodes, subTasks, logs, locksTaken, locksReleased);
    }

    private static void requireSameId(long expected, long updated) {
      if (expected != updated) {
        throw new IllegalArgumentException(
            "an update must keep its row's id: " + expected + " != " + updated);
      }
    }
  }
}
