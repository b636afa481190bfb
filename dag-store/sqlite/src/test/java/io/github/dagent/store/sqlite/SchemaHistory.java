package io.github.dagent.store.sqlite;

/** Test data for Flyway's history table. */
final class SchemaHistory {
  /** A history row of a migration newer than any this build has. */
  static final String FUTURE_ROW = "INSERT INTO \"schema_history\" (\"installed_rank\","
      + " \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
      + " \"installed_on\", \"execution_time\", \"success\") VALUES (99, '99', 'from the future',"
      + " 'SQL', 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 0, 1)";

  private SchemaHistory() {}
}
