package io.github.dagent.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The built agent jar running as a child JVM ({@code java -jar dagent.jar serve}) on a data
 * directory and a loopback port, with an agent password in its environment.
 */
final class AgentProcess implements AutoCloseable {
  static final String PASSWORD = "e2e-agent-password";

  private final Process process;
  private final Path output;

  private AgentProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts the agent and waits until it prints where it listens.
   *
   * @param output a new file for its output (the startup line is looked for there)
   */
  static AgentProcess start(Path jar, Path data, int port, Path output) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of(javaBin(), "-Xmx128m",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "serve",
        "--bind", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().put("DAGENT_AGENT_PASSWORD", PASSWORD);
    AgentProcess agent = new AgentProcess(builder.start(), output);
    agent.awaitListening();
    return agent;
  }

  /** A port nobody listens on right now, on 127.0.0.1. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("agent killed").isTrue();
  }

  /** SIGTERM without waiting, as {@code kill -TERM}; a no-op once the agent has ended. */
  void terminate() {
    process.destroy();
  }

  /**
   * Waits for the agent to end.
   *
   * @return its exit code, or empty when it still runs after {@code patience}
   */
  OptionalInt awaitExit(Duration patience) throws InterruptedException {
    return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)
        ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
  }

  /** SIGTERM, then SIGKILL when the agent has not stopped within 15 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(output) ? Files.readString(output) : "";
      if (text.contains("listening on http://")) {
        return;
      }
      assertThat(process.isAlive()).as("agent exited early; its output:%n%s", text).isTrue();
      Thread.sleep(50);
    }
    kill();
    throw new AssertionError("agent did not print where it listens within 60 s");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
