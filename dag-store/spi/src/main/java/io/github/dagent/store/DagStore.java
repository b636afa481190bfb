package io.github.dagent.store;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Node;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine persists, behind one interface so that a backend is a plugin.
 *
 * <p>What every implementation must guarantee:
 *
 * <ul>
 *   <li>each write method is one transaction: all of it is stored, or none of it;
 *   <li>updates are compare-and-set on the stored row's state and start time, and report
 *       whether they won; two writers can never both win;
 *   <li>{@link #listUnfinished} issues a fixed number of statements whatever the number of
 *       dags (no query per dag);
 *   <li>reads never write, and a read sees only committed data;
 *   <li>the store is safe for use by many threads at once; a busy database is waited for, never
 *       reported to the caller as an error.
 * </ul>
 *
 * <p>Failures are {@link io.github.dagent.model.DagentException}s; a failure to reach or use
 * the database is {@link StoreException}.
 */
public interface DagStore extends AutoCloseable {

  /**
   * Writes a dag, its nodes and all its sub-tasks from a template, and takes its maintenance
   * lock, in one transaction.
   *
   * @param newDag the template, context, creating agent and creation time
   * @return the stored graph with the ids the database gave
   * @throws MaintenanceLockedException when an unfinished dag holds a conflicting lock; nothing
   *     is stored
   */
  DagGraph createDag(NewDag newDag);

  /** The dag with this primary key, without nodes. */
  Optional<Dag> findDag(long dagId);

  /** The dag with this primary key with all its nodes and sub-tasks. */
  Optional<DagGraph> loadDag(long dagId);

  /** The node with this primary key. */
  Optional<Node> findNode(long nodeId);

  /** The sub-task with this primary key. */
  Optional<SubTask> findSubTask(long subTaskId);

  /**
   * Every unfinished dag (not SUCCEED, or FAILED while holding a maintenance lock) that the
   * filter keeps, ordered by id, in a fixed number of statements whatever their number.
   *
   * @param filter which dags
   * @param detail how much of each dag to read
   * @return the dags, and their nodes, sub-tasks and logs as {@code detail} asks
   */
  DagListing listUnfinished(DagFilter filter, ListDetail detail);

  /**
   * Every dag, finished or not, that the filter keeps, ordered by id, without nodes.
   *
   * @param filter which dags
   * @return the dags
   */
  List<Dag> listDags(DagFilter filter);

  /** The maintenance dag with the highest id, finished or not. */
  Optional<Dag> lastMaintenanceDag();

  /**
   * Applies a set of changes in one transaction: every compare-and-set update must find its
   * row as expected, else nothing is written and the result is false. Log lines and lock
   * changes in the set are written with the updates.
   *
   * @param changes the updates, log lines and lock changes
   * @return true when every update won and all was written; false when a row had changed
   * @throws MaintenanceLockedException when a lock it takes is held by another dag; nothing is
   *     written
   */
  boolean commit(ChangeSet changes);

  /**
   * Appends one log line; it is durable when this returns.
   *
   * @param log the line
   */
  void appendLog(TaskLog log);

  /** A sub-task's log lines, oldest first. */
  List<TaskLog> logs(long subTaskId);

  /**
   * The dag holding a lock that conflicts with the given one, if any.
   *
   * @param wanted the lock someone wants
   * @return the holder's dag id
   */
  Optional<Long> maintenanceHolder(Maintenance wanted);

  /** A value of the agent's small key/value table (identity, keys). */
  Optional<String> readValue(String key);

  /** Stores a value in the key/value table, replacing any previous one. */
  void writeValue(String key, String value);

  /** Where this store keeps its data, with any credentials masked; for the start-up line. */
  String description();

  /** Closes connections; committed data stays. Idempotent. */
  @Override
  void close();
}
