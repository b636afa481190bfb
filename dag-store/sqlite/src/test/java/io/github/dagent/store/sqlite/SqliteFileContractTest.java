package io.github.dagent.store.sqlite;

import io.github.dagent.store.testkit.DagStoreContract;
import java.nio.file.Path;

/** The store contract against an SQLite file. */
class SqliteFileContractTest extends DagStoreContract {
  @Override
  protected String newUrl(Path dir) {
    return "jdbc:sqlite:" + dir.resolve("dagent.db");
  }
}
