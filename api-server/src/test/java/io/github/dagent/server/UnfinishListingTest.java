package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Scope;
import io.github.dagent.model.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/v1/task/dag/unfinish lists the unfinished cluster dags and this agent's own
 * unfinished agent dags, in creation order, and nothing of another agent's.
 */
class UnfinishListingTest {
  @TempDir
  Path dir;

  @Test
  void unfinish_lists_cluster_dags_and_own_agent_dags_in_creation_order() {
    try (TestAgent agent = TestAgent.start(dir)) {
      AgentAddress other = new AgentAddress("10.0.0.9", 2886);
      DagGraph clusterRunning = seed(agent, agent.self(), Scope.CLUSTER, TaskState.RUNNING);
      DagGraph othersRunning = seed(agent, other, Scope.AGENT, TaskState.RUNNING);
      DagGraph ownRunning = Seeds.running(agent.store(), agent.self());
      DagGraph clusterDone = seed(agent, agent.self(), Scope.CLUSTER, TaskState.SUCCEED);
      DagGraph othersCluster = seed(agent, other, Scope.CLUSTER, TaskState.FAILED);
      List<String> expected = List.of(id(clusterRunning), id(ownRunning), id(othersCluster));

      JsonNode detailed = agent.get("/api/v1/task/dag/unfinish").data().get("contents");
      JsonNode bare = agent.get("/api/v1/task/dag/unfinish?show_details=false").data()
          .get("contents");

      assertThat(RoutesTest.ids(detailed)).isEqualTo(expected)
          .doesNotContain(id(othersRunning), id(clusterDone));
      assertThat(RoutesTest.ids(bare)).isEqualTo(expected);
      assertThat(detailed.get(1).path("nodes").get(1).path("sub_tasks").get(0)
          .path("task_logs").toString()).isEqualTo("[\"q started\"]");
    }
  }

  private static DagGraph seed(TestAgent agent, AgentAddress owner, Scope scope,
      TaskState state) {
    Maintenance lock = state == TaskState.FAILED ? Maintenance.GLOBAL : Maintenance.NONE;
    return Seeds.seed(agent.store(), owner, scope + " " + state, List.of("a", "b"), scope,
        lock, state, 2, Map.of());
  }

  private static String id(DagGraph graph) {
    return graph.dag().genericId().toString();
  }
}
