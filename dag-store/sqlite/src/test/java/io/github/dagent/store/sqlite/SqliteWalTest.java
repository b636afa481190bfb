package io.github.dagent.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.TaskLog;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that holds the WAL (an operator's {@code sqlite3} shell left in a transaction, say)
 * must not hold up the agent's writes for the connection's 30 s busy timeout, and once it
 * leaves, the log starts again and the WAL file is cut back within a few writes.
 */
class SqliteWalTest {
  private static final String PADDING = "x".repeat(8 * 1024);

  @TempDir
  Path dir;

  @Test
  void a_reader_holding_the_wal_costs_bounded_waits_and_the_wal_is_cut_once_it_leaves()
      throws Exception {
    Path file = dir.resolve("dagent.db");
    Path wal = dir.resolve("dagent.db-wal");
    Queue<String> pragmas = new ConcurrentLinkedQueue<>();
    StoreConfig config = StoreConfig.of("jdbc:sqlite:" + file).withListener(sql -> {
      if (sql.toUpperCase(Locale.ROOT).startsWith("PRAGMA")) {
        pragmas.add(sql);
      }
    });
    try (DagStore store = DagStores.open(config)) {
      long subTask = store.createDag(Fixtures.chain("logs", 1)).subTasks().get(0).id();
      pragmas.clear();
      int lines = 0;
      try (Connection shell = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        shell.setAutoCommit(false);
        try (Statement statement = shell.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM dag")) {
          assertThat(rows.next()).isTrue();
          for (; lines < WalCheckpointer.EVERY_WRITES + 2 * WalCheckpointer.RETRY_AFTER_WRITES;
              lines++) {
            store.appendLog(new TaskLog(subTask, 1, lines + PADDING, Fixtures.CREATED));
          }
        }
        assertThat(Files.size(wal)).isGreaterThan(WalCheckpointer.WAL_LIMIT_BYTES);
        List<String> attempts = pragmas.stream()
            .filter(sql -> sql.contains("wal_checkpoint")).toList();
        assertThat(attempts).hasSizeGreaterThan(2);
        assertThat(pragmas).filteredOn(sql -> sql.contains("busy_timeout"))
            .hasSize(2 * attempts.size())
            .contains("PRAGMA busy_timeout = " + WalCheckpointer.WAIT_MILLIS);
        shell.rollback();
      }

      for (int more = 0; more <= WalCheckpointer.RETRY_AFTER_WRITES; more++, lines++) {
        store.appendLog(new TaskLog(subTask, 1, "line " + lines, Fixtures.CREATED));
      }

      assertThat(Files.size(wal)).isLessThanOrEqualTo(WalCheckpointer.WAL_LIMIT_BYTES);
      assertThat(store.logs(subTask)).hasSize(lines);
    }
  }
}
