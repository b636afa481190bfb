package io.github.dagent.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end: the built jar runs as a child JVM and is driven only over HTTP with
 * the encrypted agent header, as an OBShell client drives it. The methods run in order on one
 * agent; the last one kills and restarts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainJobIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ENVELOPE_KEYS =
      List.of("successful", "timestamp", "duration", "status", "traceId", "data");
  private static final List<String> DAG_KEYS = List.of("id", "dag_id", "name", "stage",
      "max_stage", "maintenance_type", "maintenance_key", "state", "operator", "start_time",
      "end_time", "additional_data", "nodes");
  private static final List<String> NODE_KEYS = List.of("id", "node_id", "name", "state",
      "operator", "start_time", "end_time", "additional_data", "sub_tasks");
  private static final List<String> TASK_KEYS = List.of("id", "task_id", "name", "state",
      "operator", "start_time", "end_time", "additional_data", "execute_times",
      "execute_agent", "task_logs");
  private static final String TIME =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})";
  private static final String INTERRUPTED = "task unexpectedly interrupted and cannot continue";

  private Path dir;
  private Path jar;
  private Path data;
  private int port;
  private AgentProcess agent;
  private AgentHttp http;
  private String demoId;

  @BeforeAll
  void start_agent(@TempDir Path tempDir) throws Exception {
    dir = tempDir.toRealPath();
    jar = Path.of(System.getProperty("dagent.jar", "target/dagent.jar"));
    assertThat(jar).as("the shaded jar; run `mvn verify`").exists();
    data = dir.resolve("data");
    port = AgentProcess.freePort();
    agent = AgentProcess.start(jar, data, port, dir.resolve("agent-0.out"));
    http = new AgentHttp(port);
  }

  @AfterAll
  void stop_agent() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  @Order(1)
  void demo_plan_runs_to_the_failing_stage_and_stops_there() throws Exception {
    JsonNode submitted = submit(demoPlan(dir.resolve("demo1")));
    demoId = submitted.path("id").asText();
    assertThat(submitted.path("max_stage").asInt()).isEqualTo(9);
    assertThat(submitted.path("name").asText()).isEqualTo("Cluster scale out");

    JsonNode dag = http.awaitDag(demoId, d -> "FAILED".equals(d.path("state").asText()));

    assertThat(dag.path("stage").asInt()).isEqualTo(7);
    assertThat(dag.path("operator").asText()).isEqualTo("RUN");
    assertThat(node(dag, 7).path("state").asText()).isEqualTo("FAILED");
    assertThat(node(dag, 6).path("state").asText()).isEqualTo("SUCCEED");
    assertThat(node(dag, 8).path("state").asText()).isEqualTo("PENDING");
  }

  @Test
  @Order(2)
  void unfinish_lists_the_failed_maintenance_dag_with_the_seed_shapes() throws Exception {
    AgentHttp.Answer answer = http.get("/api/v1/task/dag/unfinish");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(names(answer.envelope())).containsExactlyElementsOf(ENVELOPE_KEYS);
    assertThat(answer.envelope().path("timestamp").asText()).matches(TIME);
    assertThat(answer.envelope().path("traceId").asText()).matches("[0-9a-f]{16}");
    JsonNode dag = find(answer.data().path("contents"), demoId);
    assertThat(names(dag)).containsExactlyElementsOf(DAG_KEYS);
    assertThat(dag.path("dag_id").isIntegralNumber()).isTrue();
    assertThat(dag.path("maintenance_type").asInt()).isEqualTo(1);
    assertThat(dag.path("additional_data").isObject()).isTrue();
    assertThat(dag.path("start_time").asText()).matches(TIME);
    assertThat(dag.path("nodes")).hasSize(9);
    for (JsonNode node : dag.path("nodes")) {
      assertThat(names(node)).containsExactlyElementsOf(NODE_KEYS);
      assertThat(node.path("additional_data").isNull()).isTrue();
      assertThat(node.path("start_time").asText()).matches(TIME);
      JsonNode task = node.path("sub_tasks").get(0);
      assertThat(names(task)).containsExactlyElementsOf(TASK_KEYS);
      assertThat(names(task.path("execute_agent"))).containsExactly("ip", "port");
      assertThat(task.path("execute_agent").path("port").asInt()).isEqualTo(port);
      assertThat(task.path("end_time").asText()).matches(TIME);
    }
    JsonNode pending = node(dag, 9).path("sub_tasks").get(0);
    assertThat(pending.path("task_logs").isNull()).isTrue();
    assertThat(pending.path("execute_times").asInt()).isZero();
    assertThat(node(dag, 1).path("sub_tasks").get(0).path("task_logs").isArray()).isTrue();
  }

  @Test
  @Order(3)
  void the_failed_sub_task_logs_hold_the_command_output_lines() throws Exception {
    String subTaskId = node(http.dag(demoId), 7).path("sub_tasks").get(0).path("id").asText();

    AgentHttp.Answer answer = http.get("/api/v1/task/sub_task/" + subTaskId + "/logs");

    assertThat(answer.status()).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    answer.data().path("contents").forEach(row -> lines.add(row.path("log_content").asText()));
    assertThat(lines).contains(
        "approval marker " + dir.resolve("demo1/approved.marker") + " is missing");
    assertThat(lines).anyMatch(line -> line.contains("code 1"));
    assertThat(answer.data().path("contents").get(0).path("execute_times").asInt())
        .isEqualTo(1);
  }

  @Test
  @Order(4)
  void the_task_cli_reports_the_failed_dag_with_exit_code_1_and_reads_its_logs()
      throws Exception {
    Cli watch = cli("task", "watch", demoId);
    Cli logs = cli("task", "logs", "--stage", "7", demoId);
    Cli list = cli("task", "list");

    assertThat(watch.code()).as(watch.output()).isEqualTo(1);
    assertThat(watch.output()).contains("stage 7/9 Add server for scale_out: FAILED/RUN",
        "failed at stage 7", "dagent task retry " + demoId);
    assertThat(logs.code()).as(logs.output()).isZero();
    assertThat(logs.output()).contains("[run 1] approval marker");
    assertThat(list.code()).as(list.output()).isZero();
    assertThat(list.output()).contains(demoId, "Cluster scale out", "FAILED", "7/9", "global");
  }

  private record Cli(int code, String output) {}

  /** Runs {@code java -jar dagent.jar ...} against the agent, password from the env. */
  private Cli cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--server", "http://127.0.0.1:" + port));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DAGENT_AGENT_PASSWORD", AgentProcess.PASSWORD);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Cli(process.waitFor(), output);
  }

  @Test
  @Order(5)
  void retry_after_the_fix_runs_the_dag_to_succeed() throws Exception {
    Files.createFile(dir.resolve("demo1/approved.marker"));

    http.operate(demoId, "retry");
    JsonNode dag = http.awaitDag(demoId, d -> "SUCCEED".equals(d.path("state").asText()));

    assertThat(dag.path("operator").asText()).isEqualTo("RUN");
    assertThat(node(dag, 7).path("sub_tasks").get(0).path("execute_times").asInt())
        .isEqualTo(2);
    assertThat(node(dag, 1).path("sub_tasks").get(0).path("execute_times").asInt())
        .isEqualTo(1);
    assertThat(dir.resolve("demo1/servers.list")).exists();
    assertThat(http.unfinishedIds()).doesNotContain(demoId);
  }

  @Test
  @Order(6)
  void rollback_undoes_every_stage_that_ran_with_its_rollback_command() throws Exception {
    Path work = dir.resolve("demo2");
    String id = submit(demoPlan(work)).path("id").asText();
    http.awaitDag(id, d -> "FAILED".equals(d.path("state").asText()));
    long observer = Long.parseLong(Files.readString(work.resolve("observer.pid")).trim());

    http.operate(id, "rollback");
    JsonNode dag = http.awaitDag(id, d -> "SUCCEED".equals(d.path("state").asText()));

    assertThat(dag.path("operator").asText()).isEqualTo("ROLLBACK");
    assertThat(work.resolve("server.conf")).doesNotExist();
    assertThat(work.resolve("server.conf.sha256")).doesNotExist();
    assertThat(work.resolve("observer.pid")).doesNotExist();
    assertThat(ProcessTable.running(observer)).as("observer process %d", observer).isFalse();
    assertThat(Files.readAllLines(work.resolve("rollback.log"))).as("dag %s", dag)
        .containsExactly(
        "removed servers.list", "stopped observer", "removed server.conf.sha256",
        "removed server.conf");
  }

  @Test
  @Order(7)
  void an_invalid_plan_is_refused_naming_the_field_and_stores_nothing() throws Exception {
    int before = allDags();

    AgentHttp.Answer empty = http.post("/api/v1/task/dag", "{\"name\":\"x\",\"nodes\":[]}");
    AgentHttp.Answer unknown = http.post("/api/v1/task/dag", sleepPlan("x", "none", 1)
        .replace("\"sleep\"", "\"ssh\""));
    AgentHttp.Answer timeout = http.post("/api/v1/task/dag", sleepPlan("x", "none", 1)
        .replace("\"seconds\"", "\"timeout\": -5, \"seconds\""));
    AgentHttp.Answer wrongType = http.post("/api/v1/task/dag",
        "{\"name\":\"x\",\"nodes\":[{\"name\":\"a\",\"type\":\"sleep\",\"parallel\":\"no\","
            + "\"tasks\":[{\"params\":{\"seconds\":1}}]}]}");

    assertRefused(empty, "Task.Template.Invalid", "nodes ");
    assertRefused(unknown, "Task.Template.Invalid", "nodes[0].type ");
    assertRefused(timeout, "Task.Template.Invalid", "nodes[0].tasks[0].params.timeout ");
    assertRefused(wrongType, "Task.Template.Invalid", "nodes[0].parallel ");
    assertThat(allDags()).isEqualTo(before);
  }

  @Test
  @Order(8)
  void a_held_lock_refuses_a_maintenance_plan_and_cancel_stops_a_sleep_at_once()
      throws Exception {
    String holder = submit(sleepPlan("holder", "global", 30)).path("id").asText();
    http.awaitDag(holder, d -> "RUNNING".equals(node(d, 1).path("state").asText()));
    int before = allDags();

    AgentHttp.Answer refused = http.post("/api/v1/task/dag", sleepPlan("other", "tenant", 1));

    assertRefused(refused, "Task.Maintenance.Locked", "maintenance: ");
    assertThat(allDags()).isEqualTo(before);

    http.operate(holder, "cancel");
    long cancelled = System.nanoTime();
    JsonNode dag = http.awaitDag(holder, d -> "FAILED".equals(d.path("state").asText()),
        Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - cancelled);

    assertThat(took).as("FAILED/CANCEL within a second").isLessThan(Duration.ofSeconds(1));
    assertThat(dag.path("operator").asText()).isEqualTo("CANCEL");
    assertThat(node(dag, 1).path("sub_tasks").get(0).path("state").asText())
        .isEqualTo("FAILED");
    assertThat(http.unfinishedIds()).as("CANCEL released the lock: the dag is finished")
        .doesNotContain(holder);

    String other = submit(sleepPlan("other", "tenant", 1)).path("id").asText();
    JsonNode done = http.awaitDag(other, d -> "SUCCEED".equals(d.path("state").asText()));

    assertThat(done.path("operator").asText()).isEqualTo("RUN");
  }

  @Test
  @Order(9)
  void shell_timeout_and_cancel_kill_the_whole_process_tree() throws Exception {
    Path timed = dir.resolve("timeout");
    Path cancelled = dir.resolve("cancel");
    String slow = "sleep 30 & echo $! > child.pid; wait";
    String timeoutId = submit(shellPlan("timeout", timed, slow, 1,
        "echo timed out > cancel.txt")).path("id").asText();
    String cancelId = submit(shellPlan("cancel", cancelled, slow, 60,
        "echo cancelled > cancel.txt")).path("id").asText();
    http.awaitDag(cancelId, d -> "RUNNING".equals(subTask(d, 1).path("state").asText())
        && Files.exists(cancelled.resolve("child.pid")));

    http.operate(cancelId, "cancel");
    JsonNode afterCancel = http.awaitDag(cancelId, d -> "FAILED".equals(d.path("state").asText()));
    JsonNode afterTimeout = http.awaitDag(timeoutId,
        d -> "FAILED".equals(d.path("state").asText()));

    assertThat(afterCancel.path("operator").asText()).isEqualTo("CANCEL");
    assertThat(subTask(afterTimeout, 1).path("task_logs").toString()).contains("timeout");
    for (Path work : List.of(timed, cancelled)) {
      long child = Long.parseLong(Files.readString(work.resolve("child.pid")).trim());
      awaitStopped(child);
    }
    assertThat(cancelled.resolve("cancel.txt")).hasContent("cancelled");
    awaitFile(timed.resolve("cancel.txt"));
    assertThat(timed.resolve("cancel.txt")).as("a timeout runs the cancel command")
        .hasContent("timed out");
  }

  private static void awaitFile(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(file) || Files.size(file) == 0) {
      assertThat(System.nanoTime()).as("%s written", file).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static String shellPlan(String name, Path work, String command, int timeout,
      String cancel) throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("name", name);
    plan.putObject("params").put("workdir", work.toString()).put("timeout", timeout);
    ObjectNode params = plan.putArray("nodes").addObject().put("name", name)
        .put("type", "shell").putArray("tasks").addObject().putObject("params")
        .put("command", command);
    if (cancel != null) {
      params.put("cancel", cancel);
    }
    return JSON.writeValueAsString(plan);
  }

  private static void awaitStopped(long pid) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessTable.running(pid)) {
      assertThat(System.nanoTime()).as("process %d still runs", pid).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  @Order(10)
  void fc11_a_child_outliving_a_sigterm_of_the_agent_acts_once_after_a_quick_restart()
      throws Exception {
    Path work = dir.resolve("fc11");
    String command = "(setsid sh -c 'sleep 1; echo effect >> effects.log' </dev/null"
        + " >/dev/null 2>&1 &); echo started; sleep 30";
    String id = submit(shellPlan("fc11", work, command, 60, null)).path("id").asText();
    http.awaitDag(id, d -> subTask(d, 1).path("task_logs").toString().contains("\"started\""));

    agent.close();
    agent = AgentProcess.start(jar, data, port, dir.resolve("agent-sigterm.out"));
    http.reconnect();
    JsonNode after = http.awaitDag(id, d -> "FAILED".equals(d.path("state").asText()));
    Thread.sleep(1500);

    assertThat(subTask(after, 1).path("task_logs").toString()).contains(INTERRUPTED);
    assertThat(subTask(after, 1).path("execute_times").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(work.resolve("effects.log"))).containsExactly("effect");
  }

  @Test
  @Order(11)
  void fc09_fc11_kill_at_ten_moments_recovers_and_runs_no_shell_twice() throws Exception {
    int[][] moments = {{1, 0}, {2, 0}, {3, 0}, {1, 200}, {2, 200}, {3, 200}, {1, 400},
        {2, 400}, {3, 400}, {3, 550}};
    int interruptedShells = 0;
    int continuedSleeps = 0;
    for (int round = 0; round < moments.length; round++) {
      CrashRound result = crashRound(round, moments[round][0], moments[round][1]);
      interruptedShells += result.interruptedShell ? 1 : 0;
      continuedSleeps += result.continuedSleep ? 1 : 0;
    }

    assertThat(interruptedShells).as("rounds that cut a running shell").isPositive();
    assertThat(continuedSleeps).as("rounds that continued a running sleep").isPositive();
  }

  private record CrashRound(boolean interruptedShell, boolean continuedSleep) {}

  private CrashRound crashRound(int round, int stage, int offsetMillis) throws Exception {
    Path work = dir.resolve("crash-" + round);
    boolean maintenance = round % 2 == 0;
    String id = submit(crashPlan(round, work, maintenance)).path("id").asText();
    http.awaitDag(id, d -> "RUNNING".equals(subTask(d, stage).path("state").asText()));
    Thread.sleep(offsetMillis);
    JsonNode before = http.dag(id);

    agent.kill();
    agent = AgentProcess.start(jar, data, port, dir.resolve("agent-" + (round + 1) + ".out"));
    http.reconnect();
    JsonNode after = http.awaitDag(id, d -> isFinished(d.path("state").asText()));

    assertLogsKept(before, after);
    int failedStage = 0;
    if ("FAILED".equals(after.path("state").asText())) {
      failedStage = after.path("stage").asInt();
      assertThat(subTask(after, failedStage).path("task_logs").toString())
          .contains(INTERRUPTED);
      assertThat(failedStage).as("only shell stages fail on recovery").isIn(1, 3);
      if (maintenance) {
        assertThat(http.unfinishedIds()).as("FC-09: a failed maintenance dag is listed")
            .contains(id);
      }
      http.operate(id, "retry");
      after = http.awaitDag(id, d -> "SUCCEED".equals(d.path("state").asText()));
    }
    assertThat(after.path("state").asText()).isEqualTo("SUCCEED");
    boolean continued = subTask(after, 2).path("task_logs").toString()
        .contains("continuing after a restart");
    List<String> effects = awaitNoDuplicateEffects(work.resolve("effects.log"));
    if (failedStage == 3) {
      assertThat(effects).as("the cut-off command outlived the agent and ran once; the retry"
          + " ran it again as run 2").contains("second run 1", "second run 2");
    }
    return new CrashRound(failedStage > 0, continued);
  }

  private static void assertLogsKept(JsonNode before, JsonNode after) {
    for (int stage = 1; stage <= 3; stage++) {
      JsonNode logs = subTask(before, stage).path("task_logs");
      if (logs.isArray()) {
        List<String> earlier = texts(logs);
        List<String> later = texts(subTask(after, stage).path("task_logs"));
        assertThat(later.subList(0, Math.min(later.size(), earlier.size())))
            .as("logs of stage %d written before the kill", stage).isEqualTo(earlier);
      }
    }
  }

  private static List<String> awaitNoDuplicateEffects(Path effects) throws Exception {
    Thread.sleep(1000);
    List<String> lines = Files.readAllLines(effects);
    assertThat(new HashSet<>(lines)).as("each run's side effect once: %s", lines)
        .hasSize(lines.size());
    return lines;
  }

  private String demoPlan(Path work) throws Exception {
    Path example = Path.of(System.getProperty("dagent.examples", "../examples"))
        .resolve("scale-out.json");
    ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(example));
    ObjectNode params = (ObjectNode) plan.path("params");
    params.put("workdir", work.toString());
    params.put("rpc_port", AgentProcess.freePort());
    return JSON.writeValueAsString(plan);
  }

  private static String sleepPlan(String name, String maintenance, double seconds) {
    String lock = "tenant".equals(maintenance)
        ? "{\"type\":\"tenant\",\"key\":\"t1\"}" : "{\"type\":\"" + maintenance + "\"}";
    return "{\"name\":\"" + name + "\",\"maintenance\":" + lock + ",\"nodes\":[{\"name\":"
        + "\"nap\",\"type\":\"sleep\",\"tasks\":[{\"params\":{\"seconds\":" + seconds
        + "}}]}]}";
  }

  private static String crashPlan(int round, Path work, boolean maintenance)
      throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("name", "crash round " + round);
    if (maintenance) {
      plan.putObject("maintenance").put("type", "tenant").put("key", "crash");
    }
    plan.putObject("params").put("workdir", work.toString());
    ArrayNode nodes = plan.putArray("nodes");
    shellNode(nodes, "first shell", "echo \"first run $DAGENT_EXECUTE_TIMES\" >> effects.log;"
        + " echo begin; sleep 0.8; echo end");
    ObjectNode sleep = nodes.addObject().put("name", "sleep").put("type", "sleep");
    sleep.putArray("tasks").addObject().putObject("params").put("seconds", 0.8);
    shellNode(nodes, "second shell", "echo begin; sleep 0.8;"
        + " echo \"second run $DAGENT_EXECUTE_TIMES\" >> effects.log; echo end");
    return JSON.writeValueAsString(plan);
  }

  private static void shellNode(ArrayNode nodes, String name, String command) {
    ObjectNode node = nodes.addObject().put("name", name).put("type", "shell");
    node.putArray("tasks").addObject().putObject("params").put("command", command);
  }

  private JsonNode submit(String plan) throws Exception {
    AgentHttp.Answer answer = http.post("/api/v1/task/dag", plan);
    assertThat(answer.status()).as("submit: %s", answer.envelope()).isEqualTo(200);
    assertThat(names(answer.data())).containsExactlyElementsOf(DAG_KEYS);
    return answer.data();
  }

  private int allDags() throws Exception {
    return http.get("/api/v1/task/dags/agent?show_details=false").data().path("contents")
        .size();
  }

  private static void assertRefused(AgentHttp.Answer answer, String errCode, String field) {
    assertThat(answer.status()).as("%s", answer.envelope()).isEqualTo(400);
    assertThat(answer.errCode()).isEqualTo(errCode);
    assertThat(answer.message()).startsWith(field);
  }

  private static JsonNode find(JsonNode dags, String id) {
    for (JsonNode dag : dags) {
      if (id.equals(dag.path("id").asText())) {
        return dag;
      }
    }
    throw new AssertionError("dag " + id + " not listed in " + dags);
  }

  private static JsonNode node(JsonNode dag, int stage) {
    return dag.path("nodes").path(stage - 1);
  }

  private static JsonNode subTask(JsonNode dag, int stage) {
    return node(dag, stage).path("sub_tasks").path(0);
  }

  private static boolean isFinished(String state) {
    return "SUCCEED".equals(state) || "FAILED".equals(state);
  }

  private static List<String> texts(JsonNode array) {
    List<String> lines = new ArrayList<>();
    array.forEach(line -> lines.add(line.asText()));
    return lines;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    Iterator<String> fields = object.fieldNames();
    fields.forEachRemaining(names::add);
    return names;
  }
}
