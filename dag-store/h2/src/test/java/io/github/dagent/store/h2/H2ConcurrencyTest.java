package io.github.dagent.store.h2;

import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.testkit.ConcurrentWrites;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads writing one H2 file through the pool: row locks and lock-timeout retries keep
 * every compare-and-set exact and every write applied once.
 */
class H2ConcurrencyTest {
  @TempDir
  Path dir;

  @Test
  void eight_threads_doing_4000_mixed_transitions_and_log_appends_apply_each_exactly_once()
      throws Exception {
    try (DagStore store = DagStores.open("jdbc:h2:file:" + dir.resolve("dagent"))) {
      ConcurrentWrites.run(store, 8, 4_000);
    }
  }
}
