package io.github.dagent.store;

import java.util.Objects;

/**
 * How to open a store.
 *
 * @param url the JDBC URL; its prefix picks the plugin ({@code jdbc:sqlite:}, {@code jdbc:h2:})
 * @param user the database user, empty when the backend needs none
 * @param password the database password, empty when the backend needs none; never logged
 * @param statementListener told of every SQL statement executed (for tests and benchmarks)
 */
public record StoreConfig(String url, String user, String password,
    StatementListener statementListener) {
  /** Checks for nulls. */
  public StoreConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(statementListener, "statementListener");
  }

  /**
   * @param url a JDBC URL
   * @return a config with no credentials and no listener
   */
  public static StoreConfig of(String url) {
    return new StoreConfig(url, "", "", StatementListener.NONE);
  }

  /** The same config with a statement listener. */
  public StoreConfig withListener(StatementListener listener) {
    return new StoreConfig(url, user, password, listener);
  }

  /** Masks credentials so that the config can be logged. */
  @Override
  public String toString() {
    return "StoreConfig[url=" + url.replaceAll("(?i)(password=)[^;&]*", "$1****")
        + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****") + "]";
  }
}
