package io.github.dagent.store.h2;

import io.github.dagent.store.StoreException;
import io.github.dagent.store.jdbc.JdbcStores;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The H2 databases that stores of this JVM have open. H2 shares one database between all
 * connections of a process, so a second store on the same database would write through a
 * second writer connection, which {@link H2Connections} exists to avoid.
 */
final class OpenDatabases {
  private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

  private OpenDatabases() {}

  /**
   * Marks a database open.
   *
   * @param database the database's identity: its data file's absolute path, or its memory name
   * @param url the URL the caller gave, for the message
   * @throws StoreException when a store of this JVM already has it open
   */
  static void claim(String database, String url) {
    if (!OPEN.add(database)) {
      throw new StoreException("cannot open '" + JdbcStores.masked(url) + "': a store in this"
          + " process already has that H2 database open; share that store instead", null);
    }
  }

  /**
   * Marks a database closed.
   *
   * @param database as given to {@link #claim}
   */
  static void release(String database) {
    OPEN.remove(database);
  }
}
