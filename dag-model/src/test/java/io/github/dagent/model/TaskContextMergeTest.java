package io.github.dagent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.dto.WireJson;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context merge rules of ENGINE.md "Context", one test per rule. */
class TaskContextMergeTest {
  private static final AgentAddress AGENT_A = new AgentAddress("127.0.0.1", 2886);
  private static final AgentAddress AGENT_B = new AgentAddress("127.0.0.2", 2886);

  @Test
  void params_never_overwritten_by_merge() {
    TaskContext earlier = TaskContext.ofParams(Map.of("tenant", "t1", "timeout", 60));
    TaskContext later = TaskContext.ofParams(Map.of("tenant", "t2", "timeout", 5,
        "zone", "z1"));

    TaskContext merged = earlier.merge(later);

    assertThat(merged.params()).containsEntry("tenant", "t1").containsEntry("timeout", 60);
    assertThat(merged.params()).containsEntry("zone", "z1");
  }

  @Test
  void params_never_overwritten_by_merge_even_when_set_to_null() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("tenant", null);
    TaskContext earlier = TaskContext.ofParams(withNull);

    TaskContext merged = earlier.merge(TaskContext.ofParams(Map.of("tenant", "t2")));

    assertThat(merged.params()).containsEntry("tenant", null).hasSize(1);
  }

  @Test
  void data_merges_recursively_later_wins() {
    TaskContext earlier = TaskContext.EMPTY
        .withData("server", Map.of("zone", "z1", "port", 2881, "tags", List.of("a")))
        .withData("kept", "earlier");
    TaskContext later = TaskContext.EMPTY
        .withData("server", Map.of("port", 2882, "tags", List.of("b"), "ip", "127.0.0.1"));

    TaskContext merged = earlier.merge(later);

    assertThat(merged.data()).containsEntry("kept", "earlier");
    assertThat(merged.data().get("server")).isEqualTo(Map.of(
        "zone", "z1", "port", 2882, "tags", List.of("b"), "ip", "127.0.0.1"));
  }

  @Test
  void data_later_wins_whatever_the_type() {
    TaskContext earlier = TaskContext.EMPTY.withData("x", Map.of("a", 1)).withData("y", 1);
    TaskContext later = TaskContext.EMPTY.withData("x", "replaced").withData("y", List.of(2));

    TaskContext merged = earlier.merge(later);

    assertThat(merged.data()).containsEntry("x", "replaced").containsEntry("y", List.of(2));
  }

  @Test
  void data_later_null_wins_and_keeps_the_key() {
    TaskContext earlier = TaskContext.EMPTY.withData("x", 1);
    TaskContext later = TaskContext.EMPTY.withData("x", null);

    TaskContext merged = earlier.merge(later);

    assertThat(merged.data()).containsEntry("x", null).hasSize(1);
  }

  @Test
  void agent_data_higher_counter_wins() {
    TaskContext twice = TaskContext.EMPTY
        .withAgentData(AGENT_A, Map.of("step", 1))
        .withAgentData(AGENT_A, Map.of("step", 2));
    TaskContext once = TaskContext.EMPTY.withAgentData(AGENT_A, Map.of("step", 9));

    TaskContext laterLower = twice.merge(once);
    TaskContext laterHigher = once.merge(twice);

    String key = AGENT_A.toString();
    assertThat(twice.agentData().get(key).counter()).isEqualTo(2);
    assertThat(laterLower.agentData().get(key)).isEqualTo(new AgentData(2, Map.of("step", 2)));
    assertThat(laterHigher.agentData().get(key)).isEqualTo(new AgentData(2, Map.of("step", 2)));
  }

  @Test
  void agent_data_equal_counters_later_wins() {
    TaskContext earlier = TaskContext.EMPTY.withAgentData(AGENT_A, Map.of("v", "earlier"));
    TaskContext later = TaskContext.EMPTY.withAgentData(AGENT_A, Map.of("v", "later"));

    TaskContext merged = earlier.merge(later);

    assertThat(merged.agentData().get(AGENT_A.toString()).data()).containsEntry("v", "later");
  }

  @Test
  void agent_data_of_different_agents_is_kept_side_by_side() {
    TaskContext a = TaskContext.EMPTY.withAgentData(AGENT_A, Map.of("v", 1));
    TaskContext b = TaskContext.EMPTY.withAgentData(AGENT_B, Map.of("v", 2));

    TaskContext merged = a.merge(b);

    assertThat(merged.agentData()).containsOnlyKeys("127.0.0.1:2886", "127.0.0.2:2886");
  }

  @Test
  void merging_the_contexts_of_a_parallel_node_into_the_next_node() {
    TaskContext dag = TaskContext.ofParams(Map.of("cluster", "c1"));
    TaskContext subTask1 = dag.withData("done", Map.of("a", true))
        .withAgentData(AGENT_A, Map.of("pid", 11));
    TaskContext subTask2 = dag.withData("done", Map.of("b", true))
        .withAgentData(AGENT_B, Map.of("pid", 22));

    TaskContext next = TaskContext.EMPTY.merge(subTask1).merge(subTask2);

    assertThat(next.params()).containsEntry("cluster", "c1");
    assertThat(next.data().get("done")).isEqualTo(Map.of("a", true, "b", true));
    assertThat(next.agentData()).hasSize(2);
  }

  @Test
  void merge_leaves_both_contexts_unchanged() {
    TaskContext earlier = TaskContext.ofParams(Map.of("p", 1)).withData("d", Map.of("x", 1));
    TaskContext later = TaskContext.ofParams(Map.of("p", 2)).withData("d", Map.of("y", 2));

    earlier.merge(later);

    assertThat(earlier).isEqualTo(TaskContext.ofParams(Map.of("p", 1))
        .withData("d", Map.of("x", 1)));
    assertThat(later.data().get("d")).isEqualTo(Map.of("y", 2));
  }

  @Test
  void context_parts_are_deep_copies_that_cannot_be_changed() {
    Map<String, Object> inner = new LinkedHashMap<>(Map.of("k", 1));
    TaskContext context = TaskContext.EMPTY.withData("m", inner);

    inner.put("k", 2);

    assertThat(context.data().get("m")).isEqualTo(Map.of("k", 1));
    assertThatThrownBy(() -> context.data().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sub_task_timeout_comes_from_param_timeout_default_3600() {
    assertThat(TaskContext.EMPTY.timeoutSeconds()).isEqualTo(3600);
    assertThat(TaskContext.ofParams(Map.of("timeout", 30)).timeoutSeconds()).isEqualTo(30);
    assertThat(TaskContext.ofParams(Map.of("timeout", "45")).timeoutSeconds()).isEqualTo(45);
  }

  @Test
  void timeout_that_is_not_a_positive_whole_number_is_a_template_error_naming_it() {
    for (Object bad : List.of(0, -1, "soon", 1.5, "")) {
      TaskContext context = TaskContext.ofParams(Map.of("timeout", bad));

      assertThatThrownBy(context::timeoutSeconds)
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(DagentException.class, e ->
              assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID))
          .hasMessageContaining("'timeout'")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void context_survives_a_json_round_trip() throws Exception {
    ObjectMapper mapper = WireJson.mapper();
    TaskContext context = TaskContext.ofParams(Map.of("timeout", 30, "tenant", "t1"))
        .withData("server", Map.of("tags", List.of("a", "b"), "up", true))
        .withAgentData(AGENT_A, Map.of("pid", 42));

    String json = mapper.writeValueAsString(context);
    TaskContext read = mapper.readValue(json, TaskContext.class);

    assertThat(json).contains("\"agent_data\"").contains("\"counter\":1");
    assertThat(read).isEqualTo(context);
  }
}
