package io.github.dagent.server.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the agent is and how to prove who we are: {@code --server} (default
 * {@code http://127.0.0.1:2886}) and the agent password, read from
 * {@code --agent-password-file} (trailing line breaks dropped) or else from the
 * {@code DAGENT_AGENT_PASSWORD} environment variable, the same places the agent reads it
 * from; no password when neither is set.
 */
final class ConnectionOptions {
  static final String PASSWORD_ENV = "DAGENT_AGENT_PASSWORD";

  @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:2886",
      converter = ServerUriConverter.class,
      description = "The agent's address, http://HOST:PORT or HOST:PORT"
          + " (default: ${DEFAULT-VALUE}).")
  URI server;

  @Option(names = "--agent-password-file", paramLabel = "FILE",
      description = "File holding the agent password (default: $" + PASSWORD_ENV + ").")
  Path passwordFile;

  AgentClient client() throws IOException {
    return client(System.getenv());
  }

  AgentClient client(Map<String, String> env) throws IOException {
    return new AgentClient(server, password(env));
  }

  private String password(Map<String, String> env) throws IOException {
    if (passwordFile != null) {
      String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
      return text.replaceAll("[\\r\\n]+$", "");
    }
    return env.getOrDefault(PASSWORD_ENV, "");
  }
}
