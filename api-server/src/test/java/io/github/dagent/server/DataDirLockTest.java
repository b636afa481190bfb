package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.DagGraph;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import io.github.dagent.server.agent.Agent;
import io.github.dagent.server.agent.AgentComponent;
import io.github.dagent.server.config.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent per data directory: a second agent started on it must not run recovery, which
 * would fail the first agent's RUNNING sub-tasks as interrupted while they still run.
 */
class DataDirLockTest {
  @TempDir
  Path dir;

  @Test
  void a_second_agent_on_the_same_data_directory_is_refused_and_recovers_nothing()
      throws Exception {
    AgentConfig config = AgentConfig.local(dir);
    AgentComponent first = AgentComponent.create(config);
    first.agent().start();
    try {
      long subTaskId = runningSleep(first);
      AgentComponent second = AgentComponent.create(config.withPort(0));
      Agent refused = second.agent();

      assertThatThrownBy(refused::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another dagent agent (pid "
              + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("--data");
      refused.close();
      SubTask after = first.store().findSubTask(subTaskId).orElseThrow();
      assertThat(after.state()).isEqualTo(TaskState.RUNNING);
      assertThat(first.store().logs(subTaskId)).extracting(log -> log.text())
          .noneMatch(text -> text.contains("unexpectedly interrupted"));
    } finally {
      first.agent().close();
      first.store().close();
    }
  }

  @Test
  void the_data_directory_is_free_again_once_its_agent_stopped() {
    AgentConfig config = AgentConfig.local(dir);
    AgentComponent first = AgentComponent.create(config);
    first.agent().start();
    first.agent().close();
    first.store().close();

    AgentComponent next = AgentComponent.create(config);
    next.agent().start();

    assertThat(next.agent().identity().address().port()).isPositive();
    next.agent().close();
    next.store().close();
  }

  private static long runningSleep(AgentComponent agent) throws InterruptedException {
    Template template = Template.builder("long sleep").node(new NodeTemplate("sleep", false,
        List.of(SubTaskTemplate.of("sleep", "sleep").withParams(Map.of("seconds", 60)))))
        .build();
    DagGraph graph = agent.engine().submit(template, TaskContext.EMPTY);
    long id = graph.subTasks().get(0).id();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (agent.store().findSubTask(id).orElseThrow().state() != TaskState.RUNNING) {
      assertThat(System.nanoTime()).as("sub-task running within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
    return id;
  }
}
