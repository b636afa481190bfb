package io.github.dagent.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.ExecuteAgentDTO;
import io.github.dagent.model.dto.NodeDetailDTO;
import io.github.dagent.model.dto.TaskDetailDTO;
import io.github.dagent.model.dto.TaskLogDTO;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagTextTest {
  private static final String T0 = "2024-01-10T11:34:22.5+08:00";
  private static final String T1 = "2024-01-10T11:34:24+08:00";
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2024-01-10T11:34:30+08:00");

  @Test
  void the_bar_fills_one_share_per_succeeded_stage() {
    DagDetailDTO dag = dag("RUNNING", 3, List.of("SUCCEED", "SUCCEED", "RUNNING", "PENDING"));

    assertThat(DagText.bar(dag)).isEqualTo("[###############---------------]");
  }

  @Test
  void the_frame_shows_the_running_stage_and_its_last_log_line() {
    DagDetailDTO dag = dag("RUNNING", 2, List.of("SUCCEED", "RUNNING"));

    List<String> frame = DagText.frame(dag, NOW);

    assertThat(frame.get(0)).isEqualTo("scale  (dag 11)  RUNNING/RUN  stage 2/2");
    assertThat(frame.get(1)).endsWith(" 1/2 stages");
    assertThat(frame.get(2)).isEqualTo("stage 2: node 2  RUNNING  7.5s");
    assertThat(frame.get(3)).isEqualTo("  > line of 2");
  }

  @Test
  void show_lists_every_stage_with_its_duration_and_pending_ones_without() {
    DagDetailDTO dag = dag("FAILED", 2, List.of("SUCCEED", "FAILED", "PENDING"));

    List<String> lines = DagText.details(dag, NOW);

    assertThat(lines).anyMatch(line -> line.startsWith("1/3    node 1") && line.endsWith("1.5s"));
    assertThat(lines).anyMatch(line -> line.startsWith("3/3    node 3") && line.endsWith("-"));
    assertThat(lines).contains("         | line of 2");
  }

  @Test
  void the_table_says_so_when_nothing_is_unfinished() {
    assertThat(DagText.table(List.of())).endsWith("(no unfinished dag)");
  }

  @Test
  void log_rows_show_time_run_and_text() {
    List<String> lines = DagText.logs(List.of(new TaskLogDTO(5, 2, "hello", T0)));

    assertThat(lines).containsExactly(T0 + " [run 2] hello");
  }

  private static DagDetailDTO dag(String state, int stage, List<String> nodeStates) {
    List<NodeDetailDTO> nodes = new ArrayList<>();
    for (int i = 0; i < nodeStates.size(); i++) {
      String nodeState = nodeStates.get(i);
      boolean started = !"PENDING".equals(nodeState);
      TaskDetailDTO task = new TaskDetailDTO("1" + (i + 1), i + 1, "task " + (i + 1),
          nodeState, "RUN", T0, T1, null, started ? 1 : 0,
          new ExecuteAgentDTO("127.0.0.1", 2886),
          started ? List.of("line of " + (i + 1)) : null);
      nodes.add(new NodeDetailDTO("1" + (i + 1), i + 1, "node " + (i + 1), nodeState, "RUN",
          T0, T1, null, List.of(task)));
    }
    return new DagDetailDTO("11", 1, "scale", stage, nodeStates.size(), 0, "", state, "RUN",
        T0, T1, Map.of(), nodes);
  }
}
