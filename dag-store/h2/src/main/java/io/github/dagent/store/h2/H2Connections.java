package io.github.dagent.store.h2;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.StoreException;
import io.github.dagent.store.jdbc.ConnectionSource;
import io.github.dagent.store.jdbc.SqlWork;
import io.github.dagent.store.jdbc.Statements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Two HikariCP pools on one H2 database: one writer connection (READ COMMITTED) and readers
 * (REPEATABLE READ, read-only, so a listing's statements see one snapshot).
 *
 * <p>Writes are serialized on purpose. With several writer connections on a file database,
 * H2 2.3 to 2.5 let two compare-and-set updates of one row both succeed from the same old
 * copy, about once in ten races of eight threads (once it also failed an UPDATE with a
 * primary-key violation); in-memory databases and a single writer never showed it. The
 * concurrency test mixing eight threads' writes ran as fast with one writer as with four.
 *
 * <p>An in-memory database is kept alive by one extra connection held until
 * {@link #close()}. On open, {@code WRITE_DELAY 0} makes each commit reach the file before it
 * returns, so a killed process loses no returned commit. Files are reached through H2's
 * {@code async:} file system, which interrupts cannot close.
 */
final class H2Connections implements ConnectionSource {
  static final int WRITERS = 1;
  static final int READERS = 8;
  static final int LOCK_TIMEOUT_MILLIS = 10_000;

  private final StoreConfig config;
  private final HikariDataSource writers;
  private final HikariDataSource readers;
  private final Connection keepAlive;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private H2Connections(StoreConfig config, HikariDataSource writers, HikariDataSource readers,
      Connection keepAlive, Runnable onClose) {
    this.config = config;
    this.writers = writers;
    this.readers = readers;
    this.keepAlive = keepAlive;
    this.onClose = onClose;
  }

  static H2Connections open(StoreConfig config, Statements statements, Runnable onClose)
      throws SQLException {
    boolean memory = config.url().startsWith(H2StoreProvider.PREFIX + "mem:");
    Connection keepAlive = memory
        ? DriverManager.getConnection(url(config), config.user(), config.password()) : null;
    HikariDataSource writers = null;
    try {
      writers = pool(config, "dagent-h2-write", WRITERS, false);
      try (Connection connection = writers.getConnection()) {
        statements.execute(connection, "SET WRITE_DELAY 0");
        connection.commit();
      }
      HikariDataSource readers = pool(config, "dagent-h2-read", READERS, true);
      return new H2Connections(config, writers, readers, keepAlive, onClose);
    } catch (SQLException | RuntimeException e) {
      if (writers != null) {
        writers.close();
      }
      if (keepAlive != null) {
        try {
          keepAlive.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static HikariDataSource pool(StoreConfig config, String name, int size,
      boolean readOnly) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setJdbcUrl(url(config));
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setAutoCommit(false);
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(1);
    hikari.setReadOnly(readOnly);
    hikari.setTransactionIsolation(readOnly
        ? "TRANSACTION_REPEATABLE_READ" : "TRANSACTION_READ_COMMITTED");
    hikari.setInitializationFailTimeout(1);
    return new HikariDataSource(hikari);
  }

  /**
   * The URL the connections use: a file database goes through H2's {@code async:} file
   * system (an interrupt during I/O on the default file channel closes it and leaves the
   * database broken), and a lock timeout is added unless the URL sets one (a URL setting
   * runs no statement).
   */
  static String url(StoreConfig config) {
    String rest = config.url().substring(H2StoreProvider.PREFIX.length());
    if (rest.startsWith("file:")) {
      rest = "async:" + rest.substring("file:".length());
    } else if (!rest.startsWith("mem:") && !rest.startsWith("async:")) {
      rest = "async:" + rest;
    }
    String url = H2StoreProvider.PREFIX + rest;
    return url.toUpperCase(Locale.ROOT).contains("LOCK_TIMEOUT=") ? url
        : url + ";LOCK_TIMEOUT=" + LOCK_TIMEOUT_MILLIS;
  }

  @Override
  public <T> T write(SqlWork<T> work) throws SQLException {
    try (Connection connection = writers.getConnection()) {
      return work.run(connection);
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) throws SQLException {
    try (Connection connection = readers.getConnection()) {
      return work.run(connection);
    }
  }

  @Override
  public DataSource migrationDataSource() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url(config));
    dataSource.setUser(config.user());
    dataSource.setPassword(config.password());
    return dataSource;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      readers.close();
      writers.close();
      if (keepAlive != null) {
        keepAlive.close();
      }
    } catch (SQLException e) {
      throw new StoreException("closing the in-memory H2 store failed: " + e.getMessage(), e);
    } finally {
      onClose.run();
    }
  }
}
