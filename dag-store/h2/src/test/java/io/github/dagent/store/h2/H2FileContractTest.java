package io.github.dagent.store.h2;

import io.github.dagent.store.testkit.DagStoreContract;
import java.nio.file.Path;

/** The store contract against an H2 file. */
class H2FileContractTest extends DagStoreContract {
  @Override
  protected String newUrl(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("dagent");
  }
}
