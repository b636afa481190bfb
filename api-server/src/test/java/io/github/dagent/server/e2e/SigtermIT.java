package io.github.dagent.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dagent.crypto.SealedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FC-12 against the built jar: SIGTERM, twice, while a 120 s shell command and a sleep run,
 * ends the agent within the spec's bound, and the next start on the same data directory
 * recovers both per FC-09 (the shell is cut off, the sleep continues). The agent's own stop
 * takes milliseconds, so a request held in flight keeps it draining until the second SIGTERM
 * has surely arrived during the shutdown.
 */
class SigtermIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INTERRUPTED = "task unexpectedly interrupted and cannot continue";
  /** FC-12's bound on the shutdown; a generous limit, not a speed target. */
  private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(15);
  /** The exit status of a JVM that ended because of SIGTERM: 128 + 15. */
  private static final int SIGTERM_EXIT = 143;

  private AgentProcess agent;
  private AgentHttp http;

  @AfterEach
  void stop_agent() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void fc12_sigterm_with_a_running_sub_task_ends_the_agent_and_the_next_start_recovers(
      @TempDir Path tempDir) throws Exception {
    Path dir = tempDir.toRealPath();
    Path jar = Path.of(System.getProperty("dagent.jar", "target/dagent.jar"));
    assertThat(jar).as("the shaded jar; run `mvn verify`").exists();
    Path data = dir.resolve("data");
    Path work = dir.resolve("shell");
    int port = AgentProcess.freePort();
    agent = AgentProcess.start(jar, data, port, dir.resolve("agent-0.out"));
    http = new AgentHttp(port);

    String shellId = submit(shellPlan(work)).path("id").asText();
    http.awaitDag(shellId,
        d -> logs(d).contains("started") && Files.exists(work.resolve("child.pid")));
    String sleepId = submit(sleepPlan()).path("id").asText();
    http.awaitDag(sleepId, d -> "RUNNING".equals(subTask(d).path("state").asText())
        && logs(d).contains("sleeping 5 s"));
    long child = Long.parseLong(Files.readString(work.resolve("child.pid")).trim());
    JsonNode shellBefore = http.dag(shellId);
    JsonNode sleepBefore = http.dag(sleepId);

    Duration took;
    OptionalInt code;
    try (HalfSentRequest inFlight = HalfSentRequest.send(http, port)) {
      long signalled = System.nanoTime();
      agent.terminate();
      Thread.sleep(200);
      assertThat(agent.awaitExit(Duration.ZERO))
          .as("the agent still drains the half-sent request at the second SIGTERM").isEmpty();
      agent.terminate();
      Thread.sleep(200);
      String answer = inFlight.finish();
      code = agent.awaitExit(SHUTDOWN_BOUND);
      took = Duration.ofNanos(System.nanoTime() - signalled);

      assertThat(answer).as("the request in flight is answered while the agent stops")
          .startsWith("HTTP/1.1 400").contains("Task.Template.Invalid");
    }
    assertThat(code).as("the agent ends within %s of two SIGTERMs", SHUTDOWN_BOUND).isPresent();
    System.out.printf("FC-12: the agent ended %d ms after the first SIGTERM, exit code %d%n",
        took.toMillis(), code.getAsInt());
    assertThat(code.getAsInt()).as("ended by the signal, not by a crash")
        .isEqualTo(SIGTERM_EXIT);
    assertThat(Files.readString(data.resolve("logs/dagent.log")))
        .as("the orderly shutdown ran to its end").contains("engine stopped", "agent stopped");
    assertThat(ProcessTable.running(child))
        .as("the 120 s sleep under the shell (pid %d) is killed", child)
        .isFalse();

    agent = AgentProcess.start(jar, data, port, dir.resolve("agent-1.out"));
    http.reconnect();
    JsonNode shell = http.awaitDag(shellId, d -> "FAILED".equals(d.path("state").asText()));
    JsonNode sleep = http.awaitDag(sleepId, d -> "SUCCEED".equals(d.path("state").asText()));

    System.out.println("FC-12: the shell's logs after the restart: " + logs(shell));
    assertThat(subTask(shell).path("state").asText()).isEqualTo("FAILED");
    assertThat(subTask(shell).path("execute_times").asInt()).isEqualTo(1);
    assertThat(logs(shell)).contains(INTERRUPTED);
    assertLogsKept(shellBefore, shell);
    assertThat(http.unfinishedIds()).as("FC-09: a failed maintenance dag is listed")
        .contains(shellId);
    assertThat(logs(sleep)).anyMatch(line -> line.startsWith("continuing after a restart"));
    assertThat(sleep.path("operator").asText()).isEqualTo("RUN");
    assertLogsKept(sleepBefore, sleep);

    http.operate(shellId, "retry");
    JsonNode retried = http.awaitDag(shellId, d -> "SUCCEED".equals(d.path("state").asText()));

    assertThat(subTask(retried).path("execute_times").asInt()).isEqualTo(2);
    assertThat(logs(retried)).contains("run 2", "done");
    assertLogsKept(shell, retried);
    assertThat(http.unfinishedIds()).doesNotContain(shellId);
  }

  /**
   * A request whose header and first half of its body are sent, so that the agent holds it in
   * flight (reading the rest) until {@link #finish()} sends the rest. Its plan is invalid: the
   * answer is a 400 and nothing is stored.
   */
  private static final class HalfSentRequest implements AutoCloseable {
    private final Socket socket;
    private final byte[] rest;

    private HalfSentRequest(Socket socket, byte[] rest) {
      this.socket = socket;
      this.rest = rest;
    }

    static HalfSentRequest send(AgentHttp http, int port) throws Exception {
      String path = "/api/v1/task/dag";
      SealedRequest sealed = http.seal(path, "{\"name\":\"x\",\"nodes\":[]}");
      byte[] body = sealed.body().orElseThrow().getBytes(StandardCharsets.ISO_8859_1);
      String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + sealed.headerName() + ": " + sealed.headerValue() + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
          + "Connection: close\r\n\r\n";
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, body.length / 2);
      out.flush();
      Thread.sleep(500);
      return new HalfSentRequest(socket,
          Arrays.copyOfRange(body, body.length / 2, body.length));
    }

    /** Sends the rest of the body and reads the whole answer. */
    String finish() throws Exception {
      socket.getOutputStream().write(rest);
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * A maintenance plan of one shell stage: its first run starts {@code sleep 120} in the
   * background, writes its pid and waits for it; a retry ends at once.
   */
  private static String shellPlan(Path work) throws Exception {
    String command = "echo \"run $DAGENT_EXECUTE_TIMES\";"
        + " if [ \"$DAGENT_EXECUTE_TIMES\" = 1 ]; then"
        + " sleep 120 & echo $! > child.pid; echo started; wait; fi; echo done";
    ObjectNode plan = JSON.createObjectNode().put("name", "fc12 shell");
    plan.putObject("maintenance").put("type", "tenant").put("key", "fc12");
    plan.putObject("params").put("workdir", work.toString()).put("timeout", 300);
    plan.putArray("nodes").addObject().put("name", "long shell").put("type", "shell")
        .putArray("tasks").addObject().putObject("params").put("command", command);
    return JSON.writeValueAsString(plan);
  }

  /** A plan of one sleep stage, short so that its continuation after the restart is too. */
  private static String sleepPlan() throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("name", "fc12 sleep");
    plan.putArray("nodes").addObject().put("name", "nap").put("type", "sleep")
        .putArray("tasks").addObject().putObject("params").put("seconds", 5);
    return JSON.writeValueAsString(plan);
  }

  private static void assertLogsKept(JsonNode before, JsonNode after) {
    List<String> earlier = logs(before);
    List<String> later = logs(after);
    assertThat(later.subList(0, Math.min(later.size(), earlier.size())))
        .as("logs written before the stop").isEqualTo(earlier);
  }

  private JsonNode submit(String plan) throws Exception {
    AgentHttp.Answer answer = http.post("/api/v1/task/dag", plan);
    assertThat(answer.status()).as("submit: %s", answer.envelope()).isEqualTo(200);
    return answer.data();
  }

  private static JsonNode subTask(JsonNode dag) {
    return dag.path("nodes").path(0).path("sub_tasks").path(0);
  }

  private static List<String> logs(JsonNode dag) {
    List<String> lines = new ArrayList<>();
    subTask(dag).path("task_logs").forEach(line -> lines.add(line.asText()));
    return lines;
  }
}
