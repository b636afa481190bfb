package io.github.dagent.store;

/**
 * Told of every SQL statement a store executes, on the executing thread. Implementations must
 * be fast and thread-safe; an exception they throw is the caller's failure.
 */
@FunctionalInterface
public interface StatementListener {
  /** Does nothing. */
  StatementListener NONE = sql -> { };

  /**
   * @param sql the statement's text, with parameters as placeholders
   */
  void executed(String sql);
}
