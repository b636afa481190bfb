package io.github.dagent.bench;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.NewDag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The dags the benchmarks create, written straight to a store. */
final class Fixtures {
  /** A task type no agent registers: the agent's engine fails such a sub-task at once. */
  static final String UNREGISTERED_TYPE = "bench-unregistered";

  private Fixtures() {}

  /**
   * A dag of {@code stages} stages, one sub-task each.
   *
   * @param name the dag's name
   * @param stages how many stages
   * @param taskType every sub-task's type
   * @param maintenance the dag's lock
   * @return the template
   */
  static Template sequential(String name, int stages, String taskType, Maintenance maintenance) {
    Template.Builder builder = Template.builder(name).maintenance(maintenance);
    for (int stage = 1; stage <= stages; stage++) {
      builder.node(NodeTemplate.single("stage " + stage + " of " + name, taskType));
    }
    return builder.build();
  }

  /**
   * A dag of {@code stages} stages of {@code parallel} sub-tasks each.
   *
   * @return the template
   */
  static Template parallel(String name, int stages, int parallel, String taskType) {
    Template.Builder builder = Template.builder(name);
    for (int stage = 1; stage <= stages; stage++) {
      List<SubTaskTemplate> subs = new ArrayList<>();
      for (int i = 1; i <= parallel; i++) {
        subs.add(SubTaskTemplate.of("sub-task " + i + " of stage " + stage, taskType));
      }
      builder.node(NodeTemplate.parallel("stage " + stage + " of " + name, subs));
    }
    return builder.build();
  }

  /**
   * Writes a dag from a template, as {@code Engine.submit} does but without waking anyone.
   *
   * @return the stored graph
   */
  static DagGraph create(DagStore store, Template template, AgentAddress agent) {
    return store.createDag(new NewDag(template, TaskContext.EMPTY, agent,
        Instant.now().truncatedTo(ChronoUnit.MILLIS)));
  }
}
