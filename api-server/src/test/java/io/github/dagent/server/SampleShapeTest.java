package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Scope;
import io.github.dagent.model.TaskState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed page's sample of GET /api/v1/task/dag/unfinish (a cluster scale-out, nine nodes)
 * is the reference: a dag seeded to match it is served with exactly its keys, nesting and
 * value types, and equal ids, names, states, operators, execute counts and log lines. Times
 * and the agent address are re-generated; {@code maintenance_type} and
 * {@code maintenance_key} are the two keys PROTOCOL.md §2 adds to a dag.
 */
class SampleShapeTest {
  static final Set<String> ADDED_DAG_KEYS = Set.of("maintenance_type", "maintenance_key");
  static final Set<String> EQUAL_VALUES = Set.of("successful", "status", "id", "dag_id",
      "node_id", "task_id", "name", "stage", "max_stage", "state", "operator",
      "execute_times", "task_logs", "additional_data");

  @TempDir
  Path dir;

  @Test
  void unfinish_serves_the_seed_sample_shape() throws IOException {
    JsonNode sample = sample();
    JsonNode dag = sample.get("data").get("contents").get(0);
    List<String> names = new ArrayList<>();
    dag.get("nodes").forEach(node -> names.add(node.get("name").asText()));
    try (TestAgent agent = TestAgent.start(dir)) {
      Seeds.seed(agent.store(), agent.self(), dag.get("name").asText(), names, Scope.CLUSTER,
          Maintenance.GLOBAL, TaskState.RUNNING, 4, Map.of(
              2, List.of(logOf(dag, 1)), 3, List.of(logOf(dag, 2)), 4, List.of(logOf(dag, 3))));

      JsonNode served = agent.get("/api/v1/task/dag/unfinish").body();

      List<String> differences = new ArrayList<>();
      compare(sample, served, "$", differences);
      assertThat(differences).isEmpty();
      assertThat(served.get("data").get("contents").get(0).get("maintenance_type").isInt())
          .isTrue();
      assertThat(served.get("data").get("contents").get(0).get("maintenance_key").isTextual())
          .isTrue();
    }
  }

  static String logOf(JsonNode dag, int nodeIndex) {
    return dag.get("nodes").get(nodeIndex).get("sub_tasks").get(0).get("task_logs").get(0)
        .asText();
  }

  static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
    if (actual == null) {
      out.add(path + ": missing");
      return;
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      out.add(path + ": " + expected.getNodeType() + " expected, got " + actual.getNodeType());
      return;
    }
    if (expected.isObject()) {
      compareObjects(expected, actual, path, out);
    } else if (expected.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(path + ": " + expected.size() + " items expected, got " + actual.size());
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        compare(expected.get(i), actual.get(i), path + "[" + i + "]", out);
      }
    } else if (expected.isNumber() && expected.isIntegralNumber() != actual.isIntegralNumber()) {
      out.add(path + ": integer expected, got " + actual);
    }
  }

  static void compareObjects(JsonNode expected, JsonNode actual, String path,
      List<String> out) {
    Set<String> expectedKeys = keys(expected);
    Set<String> actualKeys = keys(actual);
    if (expected.has("dag_id")) {
      actualKeys.removeAll(ADDED_DAG_KEYS);
    }
    if (!expectedKeys.equals(actualKeys)) {
      out.add(path + ": keys " + expectedKeys + " expected, got " + actualKeys);
    }
    for (String key : expectedKeys) {
      String child = path + "." + key;
      if (EQUAL_VALUES.contains(key) && !expected.get(key).equals(actual.get(key))) {
        out.add(child + ": " + expected.get(key) + " expected, got " + actual.get(key));
      }
      compare(expected.get(key), actual.get(key), child, out);
    }
  }

  static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      keys.add(names.next());
    }
    return keys;
  }

  static JsonNode sample() throws IOException {
    try (InputStream in = SampleShapeTest.class.getResourceAsStream("/unfinish-sample.json")) {
      return TestAgent.JSON.readTree(in);
    }
  }
}
