package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.GenericId;
import io.github.dagent.model.dto.WireTime;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.ListDetail;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutesTest {
  @TempDir
  static Path dir;

  TestAgent agent;
  DagGraph failed;
  DagGraph succeeded;
  DagGraph running;

  @BeforeAll
  void start() {
    agent = TestAgent.start(dir);
    failed = Seeds.failed(agent.store(), agent.self(), "t1");
    succeeded = Seeds.succeeded(agent.store(), agent.self());
    running = Seeds.running(agent.store(), agent.self());
  }

  @AfterAll
  void stop() {
    agent.close();
  }

  String id(DagGraph graph) {
    return graph.dag().genericId().toString();
  }

  @Test
  void envelope_has_every_field_in_the_protocol_format() {
    TestAgent.Reply reply = agent.get("/api/v1/info");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.body();
    assertThat(body.get("successful").asBoolean()).isTrue();
    assertThat(body.get("status").asInt()).isEqualTo(200);
    assertThat(body.get("duration").isIntegralNumber()).isTrue();
    assertThat(body.get("traceId").asText()).matches("[0-9a-f]{16}");
    assertThat(WireTime.parse(body.get("timestamp").asText())).isNotNull();
    assertThat(body.get("timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)");
    assertThat(body.has("error")).isFalse();
    assertThat(reply.response().headers().firstValue("X-Trace-Id"))
        .contains(body.get("traceId").asText());
  }

  @Test
  void trace_ids_are_unique_per_request() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ids.add(agent.get("/api/v1/status").body().get("traceId").asText());
    }
    assertThat(ids).hasSize(200);
  }

  @Test
  void info_reports_identity_version_auth_and_address() {
    JsonNode data = agent.get("/api/v1/info").data();

    assertThat(data.get("identity").asText()).isEqualTo("SINGLE");
    assertThat(data.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(data.get("supportedAuth").get(0).asText()).isEqualTo("v2");
    assertThat(data.get("security").asBoolean()).isFalse();
    assertThat(data.get("isObproxyAgent").asBoolean()).isFalse();
    assertThat(data.get("ip").asText()).isEqualTo("127.0.0.1");
    assertThat(data.get("port").asInt()).isEqualTo(agent.self().port());
    assertThat(data.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(data.get("startAt").asLong()).isPositive();
    assertThat(data.get("homePath").asText()).isNotEmpty();
  }

  @Test
  void secret_publishes_the_public_key_and_status_the_state() {
    assertThat(agent.get("/api/v1/secret").data().get("public_key").asText())
        .matches("[A-Za-z0-9+/=]{100,}");
    JsonNode status = agent.get("/api/v1/status").data();
    assertThat(status.get("state").asInt()).isEqualTo(2);
    assertThat(status.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(status.get("version").asText()).isNotEmpty();
    assertThat(status.get("startAt").asLong()).isPositive();
  }

  @Test
  void unfinish_lists_running_and_failed_with_maintenance_but_not_succeeded() {
    JsonNode contents = agent.get("/api/v1/task/dag/unfinish").data().get("contents");

    assertThat(ids(contents)).containsExactly(id(failed), id(running));
    assertThat(contents.get(0).get("nodes")).hasSize(3);
    assertThat(contents.get(0).get("maintenance_type").asInt()).isEqualTo(2);
    assertThat(contents.get(0).get("maintenance_key").asText()).isEqualTo("t1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"show_details=false", "show_detail=false", "show_details=0",
      "show_detail=FALSE", "show_details=False"})
  void details_can_be_turned_off_under_both_names(String query) {
    JsonNode contents = agent.get("/api/v1/task/dag/unfinish?" + query).data().get("contents");

    assertThat(contents).hasSize(2);
    assertThat(contents.get(0).has("nodes")).isTrue();
    assertThat(contents.get(0).get("nodes").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"show_details=true", "show_detail=1", "show_details=TRUE", ""})
  void details_are_shown_by_default_and_on_request(String query) {
    JsonNode contents = agent.get("/api/v1/task/dag/unfinish?" + query).data().get("contents");

    assertThat(contents.get(0).get("nodes").isArray()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"show_details=yes", "show_detail=2", "show_details=", "show_detail=t",
      "show_details=true&show_detail=nope", "show_details=true&show_details=false",
      "show_detail=0&show_detail=TRUE"})
  void an_illegal_flag_is_refused(String query) {
    TestAgent.Reply reply = agent.get("/api/v1/task/dag/unfinish?" + query);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Request.Query.Param.Illegal");
    assertThat(reply.legacy()).isNull();
    assertThat(reply.body().get("successful").asBoolean()).isFalse();
    assertThat(reply.body().has("data")).isFalse();
  }

  /**
   * Undertow's request parser refuses malformed percent-encoding before any handler runs (no
   * option turns this off), with a bare 400 and a closed connection: the README's Limits.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/task/dag/unfinish?show_details=%zz", "/api/v1/task/dag/%zz",
      "/api/v1/task/dag/unfinish?show_details=%2"})
  void malformed_percent_encoding_is_a_bare_400_from_the_parser(String pathAndQuery)
      throws Exception {
    String answer = rawGet(pathAndQuery);

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(agent.get("/api/v1/status").status()).isEqualTo(200);
  }

  @Test
  void percent_encoded_paths_and_queries_are_decoded() throws Exception {
    JsonNode bare = agent.get("/api/v1/task/dag/%75nfinish?show%5Fdetails=%66alse").data()
        .get("contents");
    String dag = "/api/v1/task/dag/" + id(failed).replace("1", "%31");

    assertThat(bare).hasSize(2);
    assertThat(bare.get(0).get("nodes").isNull()).isTrue();
    assertThat(agent.get(dag).status()).isEqualTo(200);
    assertThat(agent.get("/api/v1/task/dag%2Funfinish").status()).isEqualTo(404);
  }

  String rawGet(String pathAndQuery) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", agent.self().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\n"
          + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void agent_and_ob_listings_split_by_scope() {
    JsonNode agentScope = agent.get("/api/v1/task/dag/agent/unfinish").data().get("contents");
    JsonNode cluster = agent.get("/api/v1/task/dag/ob/unfinish?show_details=false").data()
        .get("contents");

    assertThat(ids(agentScope)).containsExactly(id(failed), id(running));
    assertThat(cluster.isArray()).isTrue();
    assertThat(cluster).isEmpty();
  }

  @Test
  void dags_agent_lists_every_agent_dag_finished_or_not() {
    JsonNode all = agent.get("/api/v1/task/dags/agent").data().get("contents");
    JsonNode bare = agent.get("/api/v1/task/dags/agent?show_detail=0").data().get("contents");

    assertThat(ids(all)).containsExactly(id(failed), id(running));
    assertThat(all.get(1).get("nodes")).hasSize(3);
    assertThat(bare.get(1).get("nodes").isNull()).isTrue();
  }

  @Test
  void maintain_agent_shows_the_last_maintenance_dag() {
    JsonNode dag = agent.get("/api/v1/task/dag/maintain/agent").data();

    assertThat(dag.get("id").asText()).isEqualTo(id(failed));
    assertThat(dag.get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void one_dag_with_and_without_details() {
    JsonNode full = agent.get("/api/v1/task/dag/" + id(succeeded)).data();
    JsonNode bare = agent.get("/api/v1/task/dag/" + id(succeeded) + "?show_details=false")
        .data();

    assertThat(full.get("id").asText()).isEqualTo(id(succeeded));
    assertThat(full.get("dag_id").asLong()).isEqualTo(succeeded.dag().id());
    assertThat(full.get("state").asText()).isEqualTo("SUCCEED");
    assertThat(full.get("additional_data").isObject()).isTrue();
    JsonNode node = full.get("nodes").get(1);
    assertThat(node.get("additional_data").isNull()).isTrue();
    assertThat(node.get("sub_tasks").get(0).get("task_logs").get(0).asText())
        .isEqualTo("y ran");
    assertThat(bare.get("nodes").isNull()).isTrue();
  }

  @Test
  void one_node_with_and_without_details() {
    String nodeId = GenericId.of(running.dag().scope(), running.dag().agent(),
        running.nodes().get(1).id()).toString();

    JsonNode full = agent.get("/api/v1/task/node/" + nodeId).data();
    JsonNode bare = agent.get("/api/v1/task/node/" + nodeId + "?show_detail=false").data();

    assertThat(full.get("id").asText()).isEqualTo(nodeId);
    assertThat(full.get("state").asText()).isEqualTo("RUNNING");
    assertThat(full.get("additional_data").isObject()).isTrue();
    assertThat(full.get("sub_tasks").get(0).get("task_logs").get(0).asText())
        .isEqualTo("q started");
    assertThat(bare.get("sub_tasks").isNull()).isTrue();
  }

  @Test
  void one_sub_task_and_its_logs() {
    long subId = running.subTasks().get(1).id();
    String subTaskId = GenericId.of(running.dag().scope(), running.dag().agent(), subId)
        .toString();

    JsonNode sub = agent.get("/api/v1/task/sub_task/" + subTaskId).data();
    JsonNode logs = agent.get("/api/v1/task/sub_task/" + subTaskId + "/logs").data()
        .get("contents");
    JsonNode pending = agent.get("/api/v1/task/sub_task/" + GenericId.of(running.dag().scope(),
        running.dag().agent(), running.subTasks().get(2).id()) + "/logs").data();

    assertThat(sub.get("task_id").asLong()).isEqualTo(subId);
    assertThat(sub.get("execute_times").asInt()).isEqualTo(1);
    assertThat(sub.get("execute_agent").get("port").asInt()).isEqualTo(agent.self().port());
    assertThat(sub.get("task_logs").get(0).asText()).isEqualTo("q started");
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).get("execute_times").asInt()).isEqualTo(1);
    assertThat(logs.get(0).get("log_content").asText()).isEqualTo("q started");
    assertThat(WireTime.parse(logs.get(0).get("create_time").asText())).isNotNull();
    assertThat(pending.get("contents").isArray()).isTrue();
    assertThat(pending.get("contents")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x1", "1", "6123", "-5", "123456789012345678901234567890123456789012345"
      + "678901234567890", "0", "19223372036854775808", "2abc", "3", "25"})
  void fc19_malformed_ids_are_invalid_not_500(String bad) {
    for (String path : List.of("/api/v1/task/dag/", "/api/v1/task/node/",
        "/api/v1/task/sub_task/")) {
      TestAgent.Reply reply = agent.get(path + bad);

      assertThat(reply.status()).as(path + bad).isEqualTo(400);
      assertThat(reply.errCode()).isEqualTo("Task.GenericID.Invalid");
      assertThat(reply.legacy()).isNull();
      assertThat(reply.body().path("error").path("message").asText()).contains("generic id");
    }
  }

  @Test
  void fc19_empty_id_is_invalid() {
    TestAgent.Reply reply = agent.get("/api/v1/task/dag/");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errCode()).isEqualTo("Task.GenericID.Invalid");
  }

  @Test
  void unknown_and_foreign_ids_are_not_found() {
    String otherAgent = GenericId.agent(new io.github.dagent.model.AgentAddress("10.0.0.9",
        2886), running.dag().id()).toString();
    String obproxy = "4" + otherAgent.substring(1);
    String clusterOfAgentDag = GenericId.cluster(running.dag().id()).toString();
    String agentOfClusterDag = GenericId.agent(agent.self(), succeeded.dag().id()).toString();

    for (String missing : List.of("1999999", otherAgent, obproxy, clusterOfAgentDag,
        agentOfClusterDag)) {
      TestAgent.Reply reply = agent.get("/api/v1/task/dag/" + missing);
      assertThat(reply.status()).as(missing).isEqualTo(404);
      assertThat(reply.errCode()).isEqualTo("Task.NotFound");
    }
    assertThat(agent.get("/api/v1/task/dag/" + otherAgent).body().path("error").path("message")
        .asText()).contains("10.0.0.9:2886");
    assertThat(agent.get("/api/v1/task/node/1999999").status()).isEqualTo(404);
    assertThat(agent.get("/api/v1/task/sub_task/1999999/logs").status()).isEqualTo(404);
  }

  @Test
  void unknown_route_and_wrong_method_answer_in_the_envelope() {
    TestAgent.Reply unknown = agent.get("/api/v1/task/nothing");
    TestAgent.Reply root = agent.get("/");
    TestAgent.Reply method = agent.send("DELETE", "/api/v1/task/dag/" + id(failed),
        new byte[0], java.util.Map.of());
    TestAgent.Reply postInfo = agent.post("/api/v1/info", "{}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errCode()).isEqualTo("Request.Route.NotFound");
    assertThat(root.errCode()).isEqualTo("Request.Route.NotFound");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.errCode()).isEqualTo("Request.Method.NotAllowed");
    assertThat(method.response().headers().firstValue("Allow")).contains("GET, POST");
    assertThat(postInfo.status()).isEqualTo(405);
  }

  @Test
  void get_routes_change_nothing() {
    Object before = snapshot();
    agent.get("/api/v1/task/dag/unfinish");
    agent.get("/api/v1/task/dag/" + id(failed));
    agent.get("/api/v1/task/dags/agent");
    assertThat(snapshot()).isEqualTo(before);
  }

  Object snapshot() {
    return List.of(agent.store().listDags(DagFilter.ALL),
        agent.store().listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS));
  }

  static List<String> ids(JsonNode contents) {
    List<String> ids = new java.util.ArrayList<>();
    contents.forEach(dag -> ids.add(dag.get("id").asText()));
    return ids;
  }
}
