package io.github.dagent.store.h2;

import io.github.dagent.store.testkit.DagStoreContract;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The store contract against an in-memory H2 database; {@code DB_CLOSE_DELAY=-1} keeps it
 * across the close and reopen some tests do.
 */
class H2MemContractTest extends DagStoreContract {
  @Override
  protected String newUrl(Path dir) {
    return "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }
}
