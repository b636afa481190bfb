package io.github.dagent.server.config;

import io.github.dagent.store.StatementListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent is built from. Immutable; the CLI and the tests make one, the agent
 * component turns it into a running agent.
 *
 * @param bind the address to listen on (default 127.0.0.1)
 * @param port the port to listen on; 0 picks a free one at start
 * @param dataDir holds the default store file, the key pair and the logs
 * @param storeUrl the JDBC URL of the store
 * @param password the agent password; empty when none is set (then task routes are open)
 * @param limits request size caps and timeouts
 * @param statementListener told of every SQL statement the store runs (for measurements and
 *     tests; {@link StatementListener#NONE} by default)
 */
public record AgentConfig(String bind, int port, Path dataDir, String storeUrl,
    Optional<String> password, Limits limits, StatementListener statementListener) {

  /** Checks for nulls and the port range. */
  public AgentConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(storeUrl, "storeUrl");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(statementListener, "statementListener");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }

  /**
   * A config without a statement listener.
   *
   * @param bind the address to listen on
   * @param port the port; 0 picks a free one
   * @param dataDir the data directory
   * @param storeUrl the store's JDBC URL
   * @param password the agent password, empty for none
   * @param limits caps and timeouts
   */
  public AgentConfig(String bind, int port, Path dataDir, String storeUrl,
      Optional<String> password, Limits limits) {
    this(bind, port, dataDir, storeUrl, password, limits, StatementListener.NONE);
  }

  /**
   * @param dataDir the data directory
   * @return the default store URL: a SQLite file {@code dagent.db} in the data directory
   */
  public static String defaultStoreUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("dagent.db");
  }

  /**
   * @param dataDir the data directory
   * @return a config on 127.0.0.1, a free port, the default SQLite store, no password and the
   *     default limits
   */
  public static AgentConfig local(Path dataDir) {
    return new AgentConfig("127.0.0.1", 0, dataDir, defaultStoreUrl(dataDir), Optional.empty(),
        Limits.DEFAULTS);
  }

  /** The same config with another password (empty string means none). */
  public AgentConfig withPassword(String value) {
    Optional<String> newPassword = value == null || value.isEmpty()
        ? Optional.empty() : Optional.of(value);
    return new AgentConfig(bind, port, dataDir, storeUrl, newPassword, limits,
        statementListener);
  }

  /** The same config with other limits. */
  public AgentConfig withLimits(Limits value) {
    return new AgentConfig(bind, port, dataDir, storeUrl, password, value, statementListener);
  }

  /** The same config on another port. */
  public AgentConfig withPort(int value) {
    return new AgentConfig(bind, value, dataDir, storeUrl, password, limits, statementListener);
  }

  /** The same config with a statement listener on the store. */
  public AgentConfig withStatementListener(StatementListener value) {
    return new AgentConfig(bind, port, dataDir, storeUrl, password, limits, value);
  }

  /** Masks the password so that the config can be logged. */
  @Override
  public String toString() {
    return "AgentConfig[bind=" + bind + ", port=" + port + ", dataDir=" + dataDir
        + ", storeUrl=" + StoreUrls.masked(storeUrl) + ", password="
        + (password.isPresent() ? "****" : "none") + ", limits=" + limits + "]";
  }

  /**
   * Caps and timeouts that keep one client from holding the agent.
   *
   * @param maxBodyBytes the largest request body accepted; larger is a 413
   * @param maxHeaderBytes the largest request head (request line and headers) accepted
   * @param readTimeout how long a blocked read of a request may wait for the next bytes
   * @param idleTimeout how long a connection may stay idle between requests
   * @param shutdownGrace how long a stop waits for requests in flight
   */
  public record Limits(long maxBodyBytes, int maxHeaderBytes, Duration readTimeout,
      Duration idleTimeout, Duration shutdownGrace) {
    /** 1 MiB bodies, 64 KiB heads, 30 s reads, 60 s idle, 10 s grace. */
    public static final Limits DEFAULTS = new Limits(1 << 20, 64 << 10, Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(10));

    /** Checks that every value is positive. */
    public Limits {
      if (maxBodyBytes < 1 || maxHeaderBytes < 1024) {
        throw new IllegalArgumentException("body cap must be >= 1 byte and head cap >= 1 KiB");
      }
      for (Duration duration : new Duration[] {readTimeout, idleTimeout, shutdownGrace}) {
        if (Objects.requireNonNull(duration, "duration").isNegative() || duration.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive, got " + duration);
        }
      }
    }

    /** The same limits with another body cap. */
    public Limits withMaxBodyBytes(long value) {
      return new Limits(value, maxHeaderBytes, readTimeout, idleTimeout, shutdownGrace);
    }

    /** The same limits with another read timeout. */
    public Limits withReadTimeout(Duration value) {
      return new Limits(maxBodyBytes, maxHeaderBytes, value, idleTimeout, shutdownGrace);
    }
  }
}
