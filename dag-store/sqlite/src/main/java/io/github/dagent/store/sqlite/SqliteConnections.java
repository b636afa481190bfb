package io.github.dagent.store.sqlite;

import io.github.dagent.store.StoreException;
import io.github.dagent.store.jdbc.ConnectionSource;
import io.github.dagent.store.jdbc.SqlWork;
import io.github.dagent.store.jdbc.Statements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One writer connection used under a fair lock (SQLite allows one writer; serializing inside
 * the process means writers never meet SQLITE_BUSY from each other), and a fixed pool of
 * read-only connections that WAL lets read while the writer writes.
 *
 * <p>Every connection runs {@code journal_mode=WAL}, {@code synchronous=FULL} (a returned
 * commit survives power loss, see the README), {@code busy_timeout} and
 * {@code foreign_keys=ON}; readers add {@code query_only}. After each write transaction the
 * writer lets {@link WalCheckpointer} keep the WAL file bounded.
 */
final class SqliteConnections implements ConnectionSource {
  static final int READERS = 4;
  static final int BUSY_TIMEOUT_MILLIS = 30_000;

  private final String url;
  private final Statements statements;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final BlockingQueue<Connection> readers;
  private final List<Connection> all = new ArrayList<>();
  private final WalCheckpointer checkpointer;
  private volatile boolean closed;

  private SqliteConnections(String url, Statements statements, Connection writer,
      List<Connection> readerList) {
    this.url = url;
    this.statements = statements;
    this.writer = writer;
    this.checkpointer = new WalCheckpointer(url, statements, BUSY_TIMEOUT_MILLIS);
    this.readers = new ArrayBlockingQueue<>(readerList.size(), false, readerList);
    all.add(writer);
    all.addAll(readerList);
  }

  static SqliteConnections open(String url, Statements statements) throws SQLException {
    List<Connection> opened = new ArrayList<>();
    try {
      Connection writer = connect(url, statements, false);
      opened.add(writer);
      List<Connection> readerList = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        Connection reader = connect(url, statements, true);
        opened.add(reader);
        readerList.add(reader);
      }
      return new SqliteConnections(url, statements, writer, readerList);
    } catch (SQLException | RuntimeException e) {
      for (Connection connection : opened) {
        closeQuietly(connection, e);
      }
      throw e;
    }
  }

  private static Connection connect(String url, Statements statements, boolean readOnly)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    Properties properties = config.toProperties();
    Connection connection = DriverManager.getConnection(url, properties);
    try {
      statements.execute(connection, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      if (!readOnly) {
        String mode = statements.queryText(connection, "PRAGMA journal_mode = WAL");
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new SQLException("the database refused WAL mode (journal_mode is " + mode + ")");
        }
        WalCheckpointer.limitWal(statements, connection);
      }
      statements.execute(connection, "PRAGMA synchronous = FULL");
      statements.execute(connection, "PRAGMA foreign_keys = ON");
      if (readOnly) {
        statements.execute(connection, "PRAGMA query_only = ON");
      }
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  @Override
  public <T> T write(SqlWork<T> work) throws SQLException {
    writeLock.lock();
    try {
      requireOpen();
      T result = work.run(writer);
      checkpointer.afterWrite(writer);
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) throws SQLException {
    Connection reader;
    try {
      reader = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a read connection to " + url, e);
    }
    try {
      requireOpen();
      return work.run(reader);
    } finally {
      readers.add(reader);
    }
  }

  @Override
  public DataSource migrationDataSource() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    return dataSource;
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      SQLException failure = null;
      for (Connection connection : all) {
        try {
          connection.close();
        } catch (SQLException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw new StoreException("closing the SQLite store at " + url + " failed: "
            + failure.getMessage(), failure);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new StoreException("the SQLite store at " + url + " is closed", null);
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
