package io.github.dagent.server.cli;

import io.github.dagent.server.agent.Agent;
import io.github.dagent.server.agent.AgentComponent;
import io.github.dagent.server.config.AgentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dagent serve}: runs the agent until SIGTERM or SIGINT. The password is read from
 * {@code --agent-password-file} (trailing line breaks removed; it wins when both are given) or
 * the environment variable {@code DAGENT_AGENT_PASSWORD}, never from a plain flag, which
 * {@code ps} would show. A failure to start (port taken, store unreadable, key file with
 * loose permissions) prints one line with its causes and exits with 1.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the agent: HTTP task API, engine and store.")
public final class ServeCommand implements Callable<Integer> {
  /** The environment variable holding the agent password. */
  public static final String PASSWORD_ENV = "DAGENT_AGENT_PASSWORD";

  @Option(names = "--port", defaultValue = "2886", description = "Port (default ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  private String bind;

  @Option(names = "--data", defaultValue = "./dagent-data",
      description = "Directory for the store, keys and logs (default ${DEFAULT-VALUE}).")
  private Path data;

  @Option(names = "--store",
      description = "JDBC URL of the store (default: SQLite file dagent.db in --data).")
  private String store;

  @Option(names = "--agent-password-file",
      description = "File holding the agent password (else env " + PASSWORD_ENV + ").")
  private Path passwordFile;

  @Option(names = "--max-body-bytes", defaultValue = "1048576",
      description = "Largest request body accepted (default ${DEFAULT-VALUE}).")
  private long maxBodyBytes;

  @Override
  public Integer call() throws Exception {
    Agent agent;
    try {
      AgentConfig config = config();
      System.setProperty("dagent.data", config.dataDir().toAbsolutePath().toString());
      agent = AgentComponent.create(config).agent();
      Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "dagent-shutdown"));
      agent.start();
    } catch (RuntimeException e) {
      System.err.println("dagent: cannot start the agent: " + reasons(e));
      return 1;
    }
    System.out.println(agent.startupLine());
    agent.awaitClosed();
    return 0;
  }

  private static String reasons(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      text.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ")
          .append(cause.getMessage());
    }
    return text.toString();
  }

  private String readPasswordFile() {
    try {
      return Files.readString(passwordFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the agent password file " + passwordFile
          + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the agent password file " + passwordFile
          + ": " + e.getMessage(), e);
    }
  }

  AgentConfig config() {
    Path dataDir = data.toAbsolutePath().normalize();
    String url = store != null ? store : AgentConfig.defaultStoreUrl(dataDir);
    AgentConfig.Limits limits = AgentConfig.Limits.DEFAULTS.withMaxBodyBytes(maxBodyBytes);
    return new AgentConfig(bind, port, dataDir, url, password(), limits);
  }

  /**
   * A password file that is missing, unreadable or empty is refused: an operator who named a
   * file asked for a password, and silently running without one would expose the agent.
   */
  private Optional<String> password() {
    if (passwordFile != null) {
      String text = readPasswordFile().replaceAll("[\r\n]+$", "");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("the agent password file " + passwordFile
            + " is empty; write the password in it, or leave out --agent-password-file to"
            + " run without a password");
      }
      return Optional.of(text);
    }
    String env = System.getenv(PASSWORD_ENV);
    return env == null || env.isEmpty() ? Optional.empty() : Optional.of(env);
  }
}
