package io.github.dagent.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.server.agent.Agent;
import io.github.dagent.server.agent.AgentComponent;
import io.github.dagent.server.config.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dagent task watch} against a real agent that goes away, and one never there. */
class WatcherTest {
  private static final String SLEEP_PLAN = "{\"name\": \"nap\", \"nodes\": [{\"name\": \"nap\","
      + " \"type\": \"sleep\", \"tasks\": [{\"params\": {\"seconds\": 30}}]}]}";

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();

  @Test
  void an_agent_that_stops_answering_is_reported_at_once_then_given_up_on() throws Exception {
    Agent agent = AgentComponent.create(AgentConfig.local(dir)).agent();
    agent.start();
    AgentClient client = new AgentClient(agent.baseUri(), "");
    String id = client.submit(SLEEP_PLAN).id();
    Watcher watcher = new Watcher(client, new PrintWriter(out, true), false,
        Duration.ofSeconds(2));
    Thread stopper = new Thread(() -> {
      awaitOutput("nap: RUNNING/RUN");
      agent.close();
    });
    stopper.setDaemon(true);
    stopper.start();

    assertThatThrownBy(() -> watcher.watch(id)).isInstanceOf(AgentUnreachableException.class)
        .hasMessageContaining("cannot reach the agent at " + agent.baseUri());
    stopper.join();

    assertThat(out.toString()).contains("stage 1/1 nap: RUNNING/RUN")
        .contains("cannot reach the agent at " + agent.baseUri())
        .contains("; still trying for 2 s");
  }

  @Test
  void an_agent_never_reached_fails_without_waiting() throws Exception {
    int port = ClosedPort.find();
    AgentClient client = new AgentClient(URI.create("http://127.0.0.1:" + port), "");
    Watcher watcher = new Watcher(client, new PrintWriter(out, true), false,
        Duration.ofSeconds(5));

    assertThatThrownBy(() -> watcher.watch("11111111111111111"))
        .isInstanceOf(AgentUnreachableException.class);
    assertThat(out.toString()).doesNotContain("still trying");
  }

  private void awaitOutput(String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try {
      while (!out.toString().contains(text) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
