package io.github.dagent.store.testkit;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.store.NewDag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Templates and new dags for store tests. Stateless. */
public final class Fixtures {
  /** The creating agent of every fixture dag. */
  public static final AgentAddress AGENT = new AgentAddress("10.0.0.1", 2886);
  /** Another agent. */
  public static final AgentAddress OTHER_AGENT = new AgentAddress("10.0.0.2", 2887);
  /** A creation time with nanoseconds, so that time precision is tested too. */
  public static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.123456789Z");

  private Fixtures() {}

  /**
   * @param name the dag's name
   * @param nodes how many single-sub-task nodes
   * @return a cluster-scope dag without maintenance
   */
  public static NewDag chain(String name, int nodes) {
    return newDag(template(name, Scope.CLUSTER, Maintenance.NONE, nodes), AGENT);
  }

  /**
   * @param name the dag's name
   * @param scope its scope
   * @param maintenance its lock
   * @param nodes how many single-sub-task nodes
   * @return the template
   */
  public static Template template(String name, Scope scope, Maintenance maintenance,
      int nodes) {
    Template.Builder builder = Template.builder(name).scope(scope).maintenance(maintenance);
    for (int i = 1; i <= nodes; i++) {
      builder.node(NodeTemplate.single("step " + i, "type" + i));
    }
    return builder.build();
  }

  /**
   * @param template the template
   * @param agent the creating agent
   * @return a new dag with a small context, created at {@link #CREATED}
   */
  public static NewDag newDag(Template template, AgentAddress agent) {
    return new NewDag(template, TaskContext.ofParams(Map.of("timeout", 30, "who", "test")),
        agent, CREATED);
  }

  /**
   * @return a three-stage agent dag whose second node is parallel with two sub-tasks, one on
   *     another agent with its own params and capabilities
   */
  public static NewDag mixed() {
    List<SubTaskTemplate> parallel = new ArrayList<>();
    parallel.add(SubTaskTemplate.of("copy a", "copy").withParams(Map.of("who", "a-only")));
    parallel.add(SubTaskTemplate.of("copy b", "copy").on(OTHER_AGENT)
        .withCapabilities(io.github.dagent.model.Capabilities.NONE.withRetry(true)));
    Template template = Template.builder("mixed").scope(Scope.AGENT)
        .node(NodeTemplate.single("prepare", "prepare"))
        .node(NodeTemplate.parallel("copy", parallel))
        .node(NodeTemplate.single("finish", "finish"))
        .build();
    return newDag(template, AGENT);
  }
}
