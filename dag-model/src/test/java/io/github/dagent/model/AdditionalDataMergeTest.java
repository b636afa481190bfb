package io.github.dagent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The additional-data merge of PROTOCOL.md section 2 ({@link JsonValues#mergeStrict}): lists
 * concatenate, maps merge recursively, other values: later wins; two JSON types under one key
 * are a task's bug, reported as a typed error naming the key's path.
 */
class AdditionalDataMergeTest {

  @Test
  void lists_concatenate_earlier_first() {
    Map<String, Object> merged = JsonValues.mergeStrict(
        Map.of("hosts", List.of("a", "b")), Map.of("hosts", List.of("c")));

    assertThat(merged.get("hosts")).isEqualTo(List.of("a", "b", "c"));
  }

  @Test
  void maps_merge_recursively() {
    Map<String, Object> merged = JsonValues.mergeStrict(
        Map.of("server", Map.of("a", Map.of("x", 1), "tags", List.of(1))),
        Map.of("server", Map.of("a", Map.of("y", 2), "tags", List.of(2), "b", true)));

    assertThat(merged.get("server")).isEqualTo(Map.of(
        "a", Map.of("x", 1, "y", 2), "tags", List.of(1, 2), "b", true));
  }

  @Test
  void scalars_later_wins() {
    Map<String, Object> merged = JsonValues.mergeStrict(
        Map.of("s", "old", "n", 1, "b", false, "kept", "k"),
        Map.of("s", "new", "n", 2.5, "b", true));

    assertThat(merged).isEqualTo(Map.of("s", "new", "n", 2.5, "b", true, "kept", "k"));
  }

  @Test
  void null_never_conflicts_and_never_erases() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("a", null);
    withNull.put("b", null);

    Map<String, Object> merged = JsonValues.mergeStrict(Map.of("a", 1), withNull);
    Map<String, Object> reversed = JsonValues.mergeStrict(withNull, Map.of("a", List.of()));

    assertThat(merged).containsEntry("a", 1).containsEntry("b", null);
    assertThat(reversed).containsEntry("a", List.of());
  }

  @Test
  void integer_and_decimal_are_one_json_type() {
    Map<String, Object> merged = JsonValues.mergeStrict(Map.of("n", 1), Map.of("n", 1.5));

    assertThat(merged).containsEntry("n", 1.5);
  }

  @Test
  void different_json_types_under_one_key_conflict_naming_the_key_path() {
    assertThatThrownBy(() -> JsonValues.mergeStrict(
        Map.of("server", Map.of("port", 2881)), Map.of("server", Map.of("port", "2881"))))
        .isInstanceOfSatisfying(DagentException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TASK_ADDITIONAL_DATA_CONFLICT);
          assertThat(e.code().errCode()).isEqualTo("Task.AdditionalData.Conflict");
        })
        .hasMessageContaining("'server.port'")
        .hasMessageContaining("number")
        .hasMessageContaining("string");
  }

  @Test
  void every_pair_of_different_json_types_conflicts() {
    List<Object> oneOfEach = List.of(Map.of("k", 1), List.of(1), "s", 1, true);

    for (Object earlier : oneOfEach) {
      for (Object later : oneOfEach) {
        if (earlier.getClass() == later.getClass()) {
          continue;
        }
        assertThatThrownBy(() -> JsonValues.mergeStrict(Map.of("top", earlier),
            Map.of("top", later)))
            .as(earlier + " then " + later)
            .isInstanceOfSatisfying(DagentException.class, e ->
                assertThat(e.code()).isEqualTo(ErrorCode.TASK_ADDITIONAL_DATA_CONFLICT))
            .hasMessageContaining("'top'");
      }
    }
  }

  @Test
  void merge_result_is_a_copy_that_cannot_be_changed() {
    Map<String, Object> merged = JsonValues.mergeStrict(Map.of("l", List.of(1)),
        Map.of("l", List.of(2)));

    assertThatThrownBy(() -> merged.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) merged.get("l")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void values_that_are_not_json_shaped_are_refused() {
    assertThatThrownBy(() -> JsonValues.freeze(Map.of("t", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON-shaped");
    assertThatThrownBy(() -> JsonValues.freeze(Map.of("m", Map.of(1, "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys must be strings");
  }
}
