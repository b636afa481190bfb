package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.GenericId;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.dto.WireTime;
import io.github.dagent.server.config.AgentConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCasesTest {
  @TempDir
  Path dir;

  @Test
  void fc16_nothing_unfinished_is_an_empty_contents_list() {
    try (TestAgent agent = TestAgent.start(dir)) {
      for (String path : List.of("/api/v1/task/dag/unfinish", "/api/v1/task/dag/agent/unfinish",
          "/api/v1/task/dag/ob/unfinish", "/api/v1/task/dags/agent")) {
        JsonNode data = agent.get(path).data();

        assertThat(data.get("contents").isArray()).as(path).isTrue();
        assertThat(data.get("contents")).as(path).isEmpty();
      }
      TestAgent.Reply none = agent.get("/api/v1/task/dag/maintain/agent");
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.errCode()).isEqualTo("Task.NotFound");
    }
  }

  @Test
  void fc03_pass_keeps_the_start_time_across_a_restart() {
    AgentConfig config = AgentConfig.local(dir);
    String id;
    JsonNode before;
    int port;
    try (TestAgent agent = TestAgent.start(config)) {
      DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
      id = failed.dag().genericId().toString();
      port = agent.self().port();
      before = agent.get("/api/v1/task/dag/" + id).data();

      TestAgent.Reply pass = agent.post("/api/v1/task/dag/" + id, "{\"operator\":\"PASS\"}");

      assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
    }
    try (TestAgent agent = TestAgent.start(config.withPort(port))) {
      JsonNode after = agent.get("/api/v1/task/dag/" + id).data();

      assertThat(after.get("start_time").asText()).isEqualTo(before.get("start_time").asText());
      assertThat(after.get("operator").asText()).isEqualTo("PASS");
      assertNoEpochAndEndAfterStart(after);
    }
  }

  static void assertNoEpochAndEndAfterStart(JsonNode object) {
    if (object.has("start_time") && object.has("end_time")) {
      Instant start = WireTime.parse(object.get("start_time").asText());
      Instant end = WireTime.parse(object.get("end_time").asText());
      assertThat(start).isAfter(Instant.parse("2000-01-01T00:00:00Z"));
      assertThat(end).isAfterOrEqualTo(start);
    }
    object.forEach(child -> {
      if (child.isContainerNode()) {
        assertNoEpochAndEndAfterStart(child);
      }
    });
  }

  @RepeatedTest(5)
  void fc14_a_poller_sees_only_connection_errors_across_a_restart() throws Exception {
    AgentConfig first = AgentConfig.local(dir);
    TestAgent agent = TestAgent.start(first);
    int port = agent.self().port();
    String id = Seeds.failed(agent.store(), agent.self(), "t").dag().genericId().toString();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest poll = HttpRequest.newBuilder(agent.uri("/api/v1/task/dag/" + id))
        .timeout(Duration.ofSeconds(5)).build();
    AtomicBoolean stop = new AtomicBoolean();
    List<String> answers = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger connectionErrors = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> poller = pool.submit(() -> {
      while (!stop.get()) {
        try {
          HttpResponse<String> reply = client.send(poll, HttpResponse.BodyHandlers.ofString());
          answers.add(reply.statusCode() + " " + reply.body());
        } catch (IOException e) {
          connectionErrors.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });

    Thread.sleep(300);
    agent.close();
    Thread.sleep(300);
    TestAgent second = TestAgent.start(first.withPort(port));
    Thread.sleep(500);
    stop.set(true);
    poller.get();
    pool.shutdown();

    try (second) {
      assertThat(answers).isNotEmpty();
      assertThat(answers).allSatisfy(answer -> assertThat(answer).startsWith("200 "));
      assertThat(second.get("/api/v1/task/dag/" + id).data().get("id").asText()).isEqualTo(id);
    }
  }

  @Test
  void fc15_polling_while_four_writers_log_gives_no_5xx_and_every_line_once()
      throws Exception {
    try (TestAgent agent = TestAgent.start(dir)) {
      DagGraph running = Seeds.running(agent.store(), agent.self());
      long subTask = running.subTasks().get(1).id();
      String logsPath = "/api/v1/task/sub_task/" + GenericId.of(running.dag().scope(),
          running.dag().agent(), subTask) + "/logs";
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(20);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int line = 0; line < 200; line++) {
            agent.store().appendLog(new TaskLog(subTask, 1, "w" + writer + " line " + line,
                Instant.now()));
          }
        }));
      }
      List<Future<?>> pollers = new ArrayList<>();
      for (int p = 0; p < 16; p++) {
        String path = p % 2 == 0 ? "/api/v1/task/dag/unfinish" : logsPath;
        pollers.add(pool.submit(() -> {
          while (writing.get()) {
            statuses.add(agent.get(path).status());
          }
        }));
      }

      for (Future<?> writer : writers) {
        writer.get();
      }
      Thread.sleep(200);
      writing.set(false);
      for (Future<?> poller : pollers) {
        poller.get();
      }
      pool.shutdown();

      assertThat(statuses).isNotEmpty().allSatisfy(status -> assertThat(status).isEqualTo(200));
      JsonNode logs = agent.get(logsPath).data().get("contents");
      Set<String> lines = new HashSet<>();
      logs.forEach(line -> lines.add(line.get("log_content").asText()));
      assertThat(logs).hasSize(801);
      assertThat(lines).hasSize(801);
    }
  }
}
