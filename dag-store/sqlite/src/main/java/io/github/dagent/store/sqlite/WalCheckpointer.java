package io.github.dagent.store.sqlite;

import io.github.dagent.store.jdbc.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the WAL file of a SQLite store bounded, run by the one writer under its lock.
 *
 * <p>SQLite's automatic checkpoint is passive: while readers keep polling it never catches up
 * with a busy writer and the WAL grows without end (90 MB in the FC-15 test). So every
 * {@value #EVERY_WRITES} write transactions the writer runs {@code wal_checkpoint(RESTART)},
 * which holds off new writes until the readers are past the log, so that the next write starts
 * the log again from its beginning; {@code journal_size_limit} then cuts a file that a burst
 * left larger than {@value #WAL_LIMIT_BYTES} bytes. A checkpoint usually takes tens of
 * milliseconds, but about one attempt in ten finds readers in the log for as long as it waits,
 * so the wait is bounded by {@value #WAIT_MILLIS} ms (not the connection's busy timeout) and a
 * busy attempt is repeated after {@value #RETRY_AFTER_WRITES} writes. RESTART rather than
 * TRUNCATE: it keeps the file, and growing it again after each cut cost about a fifth of the
 * engine's throughput. Not thread-safe: only the writer holding the write lock calls it.
 */
final class WalCheckpointer {
  static final int EVERY_WRITES = 500;
  static final int RETRY_AFTER_WRITES = 25;
  static final int WAIT_MILLIS = 500;
  static final int WARN_AFTER_BUSY = 20;
  static final long WAL_LIMIT_BYTES = 4L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  private final String url;
  private final Statements statements;
  private final int busyTimeoutMillis;
  private int writesUntilNext = EVERY_WRITES;
  private int busyInARow;

  /**
   * @param url the database, for log lines
   * @param statements runs the pragmas
   * @param busyTimeoutMillis the writer's busy timeout, restored after each checkpoint
   */
  WalCheckpointer(String url, Statements statements, int busyTimeoutMillis) {
    this.url = url;
    this.statements = statements;
    this.busyTimeoutMillis = busyTimeoutMillis;
  }

  /**
   * Counts a committed write transaction and checkpoints when one is due. Never throws: the
   * write is committed whatever happens to the checkpoint, and a failed one is retried.
   */
  void afterWrite(Connection writer) {
    if (--writesUntilNext > 0) {
      return;
    }
    boolean restarted;
    try {
      restarted = restart(writer);
    } catch (SQLException e) {
      LOG.warn("WAL checkpoint of {} failed; retrying after {} writes: {}", url,
          RETRY_AFTER_WRITES, e.getMessage());
      writesUntilNext = RETRY_AFTER_WRITES;
      return;
    }
    if (restarted) {
      writesUntilNext = EVERY_WRITES;
      if (busyInARow >= WARN_AFTER_BUSY) {
        LOG.info("WAL of {} checkpointed again after {} busy attempts", url, busyInARow);
      }
      busyInARow = 0;
      return;
    }
    writesUntilNext = RETRY_AFTER_WRITES;
    busyInARow++;
    LOG.debug("WAL checkpoint of {} found readers in the log for {} ms; retrying after {} "
        + "writes", url, WAIT_MILLIS, RETRY_AFTER_WRITES);
    if (busyInARow == WARN_AFTER_BUSY) {
      LOG.warn("WAL of {} could not be checkpointed {} times in a row and keeps growing: a "
          + "reader holds it (another process with a long read transaction?)", url, busyInARow);
    }
  }

  /** Sets the size the writer cuts the WAL file back to when it starts the log again. */
  static void limitWal(Statements statements, Connection writer) throws SQLException {
    statements.queryText(writer, "PRAGMA journal_size_limit = " + WAL_LIMIT_BYTES);
  }

  /** Runs a restarting checkpoint outside any transaction; false when readers kept it busy. */
  private boolean restart(Connection writer) throws SQLException {
    writer.setAutoCommit(true);
    statements.execute(writer, "PRAGMA busy_timeout = " + WAIT_MILLIS);
    try {
      return "0".equals(statements.queryText(writer, "PRAGMA wal_checkpoint(RESTART)"));
    } finally {
      statements.execute(writer, "PRAGMA busy_timeout = " + busyTimeoutMillis);
      writer.setAutoCommit(false);
    }
  }
}
