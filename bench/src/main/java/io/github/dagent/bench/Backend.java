package io.github.dagent.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The two file-backed stores the bench measures, and how to reach their files bare. */
enum Backend {
  /** SQLite in WAL mode, the agent's default store. */
  SQLITE("sqlite", "store.commit.raw") {
    @Override
    String url(Path directory) {
      return "jdbc:sqlite:" + directory.resolve("dagent.db").toAbsolutePath();
    }

    /** The pragmas the SQLite plugin sets: WAL, synchronous FULL, a busy timeout. */
    @Override
    Connection rawConnection(String url) throws SQLException {
      Connection connection = DriverManager.getConnection(url);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 30000");
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = FULL");
      }
      return connection;
    }
  },
  /**
   * H2 in a file, commits written through ({@code WRITE_DELAY 0}) as the H2 plugin sets. The
   * plugin opens {@code file:} URLs through H2's {@code async:} file system; the bare
   * connection does the same, so that it joins the store's open database instead of being
   * refused its file lock.
   */
  H2("h2", "store.commit.raw.h2") {
    @Override
    String url(Path directory) {
      return "jdbc:h2:file:" + directory.resolve("dagent").toAbsolutePath();
    }

    @Override
    Connection rawConnection(String url) throws SQLException {
      Connection connection = DriverManager.getConnection(
          url.replace("jdbc:h2:file:", "jdbc:h2:async:"), "", "");
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET WRITE_DELAY 0");
      }
      return connection;
    }
  };

  private final String label;
  private final String rawCommitFigure;

  Backend(String label, String rawCommitFigure) {
    this.label = label;
    this.rawCommitFigure = rawCommitFigure;
  }

  /** A short name for figure names and notes. */
  String label() {
    return label;
  }

  /** The name of this backend's bare-commit figure. */
  String rawCommitFigure() {
    return rawCommitFigure;
  }

  /** The store's JDBC URL for a file in the directory. */
  abstract String url(Path directory);

  /**
   * A plain JDBC connection to the same database, set up as the plugin sets its own.
   *
   * @throws SQLException when it cannot be opened
   */
  abstract Connection rawConnection(String url) throws SQLException;
}
