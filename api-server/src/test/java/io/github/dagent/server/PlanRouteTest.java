package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dagent.store.DagFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRouteTest {
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

  String shellPlan(String command) {
    return "{\"name\": \"echo\", \"params\": {\"workdir\": \"" + dir.resolve("work") + "\"},"
        + " \"nodes\": [{\"name\": \"say\", \"type\": \"shell\", \"tasks\": [{\"params\":"
        + " {\"command\": \"" + command + "\"}}]}]}";
  }

  @Test
  void a_submitted_plan_answers_the_new_dag_and_runs_its_shell_command() throws Exception {
    TestAgent.Reply reply = agent.post("/api/v1/task/dag", shellPlan("echo hello; echo bye"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode dag = reply.body().path("data");
    assertThat(dag.path("name").asText()).isEqualTo("echo");
    assertThat(dag.path("max_stage").asInt()).isEqualTo(1);
    assertThat(dag.path("nodes").get(0).path("sub_tasks").get(0).path("task_logs").isNull())
        .isTrue();
    String id = dag.path("id").asText();
    JsonNode done = awaitSucceed(id);
    assertThat(done.path("nodes").get(0).path("sub_tasks").get(0).path("task_logs").toString())
        .contains("\"hello\"", "\"bye\"");
  }

  @Test
  void an_invalid_plan_is_400_naming_the_field_and_stores_nothing() {
    int before = agent.store().listDags(DagFilter.ALL).size();

    TestAgent.Reply reply = agent.post("/api/v1/task/dag",
        shellPlan("true").replace("\"command\"", "\"timeout\": 0, \"command\""));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Task.Template.Invalid");
    assertThat(reply.body().path("error").path("message").asText())
        .startsWith("nodes[0].tasks[0].params.timeout ");
    assertThat(agent.store().listDags(DagFilter.ALL)).hasSize(before);
  }

  @Test
  void a_plan_whose_lock_is_held_is_400_maintenance_locked_and_stores_nothing() {
    String global = "{\"name\": \"g\", \"maintenance\": {\"type\": \"global\"}, \"nodes\":"
        + " [{\"name\": \"nap\", \"type\": \"sleep\", \"tasks\": [{\"params\": {\"seconds\":"
        + " 30}}]}]}";
    assertThat(agent.post("/api/v1/task/dag", global).status()).isEqualTo(200);
    int before = agent.store().listDags(DagFilter.ALL).size();

    TestAgent.Reply reply = agent.post("/api/v1/task/dag",
        global.replace("\"global\"", "\"tenant\", \"key\": \"t1\""));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Task.Maintenance.Locked");
    String holder = agent.store().listDags(DagFilter.ALL).get(0).genericId().toString();
    assertThat(reply.body().path("error").path("message").asText()).startsWith("maintenance:")
        .contains("held by dag " + holder + ";");
    assertThat(agent.store().listDags(DagFilter.ALL)).hasSize(before);
  }

  @Test
  void fc08_a_retry_refused_for_a_held_lock_names_the_holder_by_its_generic_id()
      throws Exception {
    String failing = shellPlan("exit 3").replace("\"name\": \"echo\",",
        "\"name\": \"d1\", \"maintenance\": {\"type\": \"global\"},");
    String d1 = agent.post("/api/v1/task/dag", failing).body().path("data").path("id").asText();
    awaitState(d1, "FAILED");
    assertThat(agent.post("/api/v1/task/dag/" + d1, "{\"operator\": \"cancel\"}").status())
        .isEqualTo(200);
    String d2 = agent.post("/api/v1/task/dag", "{\"name\": \"d2\", \"maintenance\":"
        + " {\"type\": \"global\"}, \"nodes\": [{\"name\": \"nap\", \"type\": \"sleep\","
        + " \"tasks\": [{\"params\": {\"seconds\": 30}}]}]}").body().path("data").path("id")
        .asText();

    TestAgent.Reply retry = agent.post("/api/v1/task/dag/" + d1, "{\"operator\": \"retry\"}");

    assertThat(retry.status()).as(retry.toString()).isEqualTo(400);
    assertThat(retry.errCode()).isEqualTo("Task.Maintenance.Locked");
    assertThat(retry.body().path("error").path("message").asText())
        .contains("held by dag " + d2 + ";");
  }

  @Test
  void a_plan_nested_past_the_reader_limit_is_400_template_invalid() {
    String deep = "{\"name\": \"d\", \"params\": {\"x\": " + "[".repeat(1001)
        + "]".repeat(1001) + "}, \"nodes\": []}";

    TestAgent.Reply reply = agent.post("/api/v1/task/dag", deep);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Task.Template.Invalid");
    assertThat(reply.body().path("error").path("message").asText())
        .startsWith("plan ").contains("nest");
  }

  @Test
  void bad_json_is_named_by_line_and_column_without_parser_internals() {
    TestAgent.Reply reply = agent.post("/api/v1/task/dag", "{\"name\": \"x\",\n  \"nodes\": [}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Task.Template.Invalid");
    assertThat(reply.body().path("error").path("message").asText())
        .contains("line 2, column").doesNotContain("Source", "REDACTED", "Stream", "marker");
  }

  @Test
  void a_plan_takes_the_same_content_types_as_the_operator_route() {
    int before = agent.store().listDags(DagFilter.ALL).size();

    TestAgent.Reply form = agent.post("/api/v1/task/dag", shellPlan("true"),
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    TestAgent.Reply charset = agent.post("/api/v1/task/dag", shellPlan("true"),
        Map.of("Content-Type", "application/json; charset=utf-8"));

    assertThat(form.status()).isEqualTo(400);
    assertThat(form.errCode()).isEqualTo("Request.Body.Illegal");
    assertThat(charset.status()).as(charset.toString()).isEqualTo(200);
    assertThat(agent.store().listDags(DagFilter.ALL)).hasSize(before + 1);
  }

  @Test
  void an_empty_body_is_400_naming_the_plan() {
    TestAgent.Reply reply = agent.post("/api/v1/task/dag", "");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Task.Template.Invalid");
    assertThat(reply.body().path("error").path("message").asText()).startsWith("plan ");
  }

  private JsonNode awaitSucceed(String id) throws InterruptedException {
    return awaitState(id, "SUCCEED");
  }

  private JsonNode awaitState(String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonNode dag = agent.get("/api/v1/task/dag/" + id).body().path("data");
      if (state.equals(dag.path("state").asText())) {
        return dag;
      }
      assertThat(System.nanoTime()).as("dag %s: %s", id, dag).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
