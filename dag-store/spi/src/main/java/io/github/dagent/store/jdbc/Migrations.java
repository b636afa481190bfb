package io.github.dagent.store.jdbc;

import io.github.dagent.store.StatementListener;
import io.github.dagent.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a store's schema to this build's version with Flyway (history table
 * {@code schema_history}). A schema newer than this build is refused before anything is
 * written: an older agent must never write rows a newer schema gives another meaning.
 */
final class Migrations {
  static final String HISTORY_TABLE = "schema_history";

  private Migrations() {}

  static void migrate(DataSource dataSource, String location, String where,
      StatementListener listener) {
    try {
      Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(ListenedDataSource.wrap(dataSource, listener))
          .locations(location)
          .table(HISTORY_TABLE)
          .load();
      refuseFuture(flyway, where);
      flyway.migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot open the store at " + where
          + ": its schema could not be read or migrated (" + firstLine(e.getMessage())
          + "); if the file is damaged, restore a backup or move it away (the store never"
          + " replaces an existing file)", e);
    }
  }

  private static void refuseFuture(Flyway flyway, String where) {
    MigrationVersion known = MigrationVersion.EMPTY;
    MigrationInfo future = null;
    for (MigrationInfo info : flyway.info().all()) {
      MigrationState state = info.getState();
      if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
        future = future == null || info.getVersion().compareTo(future.getVersion()) > 0
            ? info : future;
      } else if (info.getVersion() != null && info.getVersion().compareTo(known) > 0) {
        known = info.getVersion();
      }
    }
    if (future != null) {
      throw new StoreException("cannot open the store at " + where + ": its schema version "
          + future.getVersion() + " is newer than this build knows (up to " + known
          + "); run a dagent build at least as new as the one that wrote it", null);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String trimmed = message.strip();
    int end = trimmed.indexOf('\n');
    return end < 0 ? trimmed : trimmed.substring(0, end).strip();
  }
}
