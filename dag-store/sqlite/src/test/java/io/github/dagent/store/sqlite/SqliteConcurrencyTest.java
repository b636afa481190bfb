package io.github.dagent.store.sqlite;

import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.testkit.ConcurrentWrites;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads writing one SQLite file: every write lands exactly once, nothing fails. */
class SqliteConcurrencyTest {
  @TempDir
  Path dir;

  @Test
  void eight_threads_doing_10000_mixed_transitions_and_log_appends_apply_each_exactly_once()
      throws Exception {
    try (DagStore store = DagStores.open("jdbc:sqlite:" + dir.resolve("dagent.db"))) {
      ConcurrentWrites.run(store, 8, 10_000);
    }
  }

  @Test
  void eight_threads_racing_on_one_row_never_both_win_from_the_same_copy() throws Exception {
    try (DagStore store = DagStores.open("jdbc:sqlite:" + dir.resolve("race.db"))) {
      ConcurrentWrites.raceOnOneRow(store, 8, 300);
    }
  }
}
