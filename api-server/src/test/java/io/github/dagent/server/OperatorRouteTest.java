package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.ListDetail;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorRouteTest {
  @TempDir
  Path dir;

  TestAgent agent;

  @BeforeEach
  void start() {
    agent = TestAgent.start(dir);
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  String path(DagGraph graph) {
    return "/api/v1/task/dag/" + graph.dag().genericId();
  }

  Object snapshot() {
    return List.of(agent.store().listDags(DagFilter.ALL),
        agent.store().listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"retry", "Retry", "RETRY", "rEtRy"})
  void fc06_operator_names_any_case_work(String name) {
    DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");

    TestAgent.Reply reply = agent.post(path(failed), "{\"operator\": \"" + name + "\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.body().has("data")).isFalse();
    assertThat(agent.store().findNode(failed.nodes().get(1).id()).orElseThrow().operator())
        .isEqualTo(Operator.RETRY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"operator\": \"RETRYX\"}", "{\"operator\": \"\"}",
      "{\"operator\": \"run\"}", "{}", "{\"operator\": null}", "{\"operator\": 2}",
      "{\"operator\": [\"retry\"]}", "[]", "{\"operator\": \"ret", "", "null", "\"retry\"",
      "{\"op\": \"retry\"}", "{\"operator\": \"retry\\u0000\"}", "{\"operator\": \" retry\"}",
      "{\"operator\": \"retry \"}", "{\"operator\": \"retry\\n\"}",
      "{\"operator\": \"pa\u017fs\"}"})
  void fc06_fc19_bad_operator_bodies_are_400_and_change_nothing(String body) {
    DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
    Object before = snapshot();

    TestAgent.Reply reply = agent.post(path(failed), body);

    assertThat(reply.status()).as(body).isEqualTo(400);
    assertThat(reply.errCode()).isIn("Request.Body.Illegal", "Task.Dag.Operator.NotSupport");
    assertThat(reply.body().path("error").path("message").asText()).isNotBlank();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void json_errors_are_400_in_plain_words_with_line_and_column() {
    DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
    Object before = snapshot();

    TestAgent.Reply broken = agent.post(path(failed), "{\"operator\":\n \"retry\"");
    TestAgent.Reply deep = agent.post(path(failed), "[".repeat(1001) + "]".repeat(1001));

    assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
    assertThat(broken.errCode()).isEqualTo("Request.Body.Illegal");
    String message = broken.body().path("error").path("message").asText();
    assertThat(message).contains("line 2, column").doesNotContain("Source", "Stream", "marker");
    assertThat(deep.status()).as(deep.toString()).isEqualTo(400);
    assertThat(deep.errCode()).isEqualTo("Request.Body.Illegal");
    assertThat(deep.body().path("error").path("message").asText()).contains("nest");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void fc19_wrong_content_type_and_content_length_zero_are_400() {
    DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
    Object before = snapshot();

    TestAgent.Reply form = agent.post(path(failed), "{\"operator\":\"retry\"}",
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    TestAgent.Reply empty = agent.send(HttpRequest.newBuilder(agent.uri(path(failed)))
        .POST(HttpRequest.BodyPublishers.noBody()), Map.of());

    assertThat(form.status()).isEqualTo(400);
    assertThat(form.errCode()).isEqualTo("Request.Body.Illegal");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.errCode()).isEqualTo("Request.Body.Illegal");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void fc07_operator_state_matrix_answers_a_specific_4xx() {
    DagGraph succeeded = Seeds.succeeded(agent.store(), agent.self());
    DagGraph running = Seeds.running(agent.store(), agent.self());
    Object before = snapshot();

    assertRefused(path(succeeded), "retry", 400, "Task.Dag.Operator.RetryNotFailedDag");
    assertRefused(path(running), "rollback", 400, "Task.Dag.Operator.RollbackNotFailedDag");
    assertRefused(path(succeeded), "cancel", 400, "Task.Dag.Operator.CancelFinishedDag");
    assertRefused(path(succeeded), "pass", 400, "Task.Dag.Operator.PassNotFailedDag");
    assertRefused("/api/v1/task/dag/1999999", "retry", 404, "Task.NotFound");
    assertRefused("/api/v1/task/dag/x", "retry", 400, "Task.GenericID.Invalid");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void fc07_ten_concurrent_retries_one_wins() throws Exception {
    DagGraph failed = Seeds.failedSleeper(agent.store(), agent.self(), 60);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Callable<TestAgent.Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(() -> agent.post(path(failed), "{\"operator\":\"retry\"}"));
    }

    List<TestAgent.Reply> replies = new ArrayList<>();
    for (Future<TestAgent.Reply> reply : pool.invokeAll(calls)) {
      replies.add(reply.get());
    }
    pool.shutdown();

    assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
    assertThat(replies).filteredOn(reply -> reply.status() != 200)
        .extracting(TestAgent.Reply::errCode)
        .hasSize(9)
        .allMatch(code -> code.equals("Task.Dag.Operator.RetryNotFailedDag")
            || code.equals("Task.Dag.Operator.Conflict"), "a lost race's code");
    assertThat(agent.store().findNode(failed.nodes().get(0).id()).orElseThrow().operator())
        .isEqualTo(Operator.RETRY);
    assertThat(agent.store().findDag(failed.dag().id()).orElseThrow().state())
        .isIn(TaskState.READY, TaskState.RUNNING);
  }

  @Test
  void cancel_of_a_running_dag_is_applied() {
    DagGraph running = Seeds.running(agent.store(), agent.self());

    TestAgent.Reply reply = agent.post(path(running), "{\"operator\":\"cancel\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(agent.store().findDag(running.dag().id()).orElseThrow().operator())
        .isEqualTo(Operator.CANCEL);
  }

  @Test
  void oversize_body_is_413_in_the_envelope() {
    DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
    String big = "{\"operator\":\"retry\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";

    TestAgent.Reply reply = agent.post(path(failed), big);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errCode()).isEqualTo("Request.Body.TooLarge");
    assertThat(agent.store().findDag(failed.dag().id()).orElseThrow().state())
        .isEqualTo(TaskState.FAILED);
  }

  @Test
  void oversize_chunked_body_is_413_too() {
    DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
    byte[] big = ("{\"operator\":\"retry\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(
        java.nio.charset.StandardCharsets.UTF_8);

    TestAgent.Reply reply = agent.send(HttpRequest.newBuilder(agent.uri(path(failed)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(big))), Map.of());

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errCode()).isEqualTo("Request.Body.TooLarge");
  }

  void assertRefused(String path, String operator, int status, String errCode) {
    TestAgent.Reply reply = agent.post(path, "{\"operator\":\"" + operator + "\"}");
    assertThat(reply.status()).as(path + " " + operator + " " + reply).isEqualTo(status);
    assertThat(reply.errCode()).isEqualTo(errCode);
    assertThat(reply.legacy()).isNull();
  }
}
