package io.github.dagent.store.sqlite;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.testkit.Fixtures;
import java.time.Instant;

/**
 * The child JVM of {@link SqliteCrashTest}: writes dags and transitions until it is killed.
 * Transition k of a dag moves the dag, its first node and first sub-task together (start time
 * = creation + k ns, execute_times = k) and appends log line k, so a reader can tell whether a
 * commit is fully there or fully absent.
 */
public final class CrashWriter {
  static final int TRANSITIONS = 5;

  private CrashWriter() {}

  /**
   * @param args the JDBC URL
   */
  public static void main(String[] args) {
    try (DagStore store = DagStores.open(args[0])) {
      System.out.println("ready");
      System.out.flush();
      for (int n = 0; ; n++) {
        DagGraph graph = store.createDag(Fixtures.chain("crash " + n, 2));
        Dag dag = graph.dag();
        Node node = graph.nodes().get(0);
        SubTask subTask = graph.subTasks().get(0);
        for (int k = 1; k <= TRANSITIONS; k++) {
          Instant start = Fixtures.CREATED.plusNanos(k);
          Dag nextDag = dag.with(TaskState.RUNNING, Operator.RUN).withTimes(start, start);
          Node nextNode = node.with(TaskState.RUNNING, Operator.RUN).withTimes(start, start);
          SubTask nextSub = subTask.with(TaskState.RUNNING, Operator.RUN)
              .withTimes(start, start).withExecuteTimes(k);
          boolean won = store.commit(ChangeSet.builder().dag(dag, nextDag).node(node, nextNode)
              .subTask(subTask, nextSub).log(new TaskLog(subTask.id(), k, "transition " + k,
                  start)).build());
          if (!won) {
            throw new IllegalStateException("dag " + dag.id() + " lost a CAS with no rival");
          }
          dag = nextDag;
          node = nextNode;
          subTask = nextSub;
        }
      }
    }
  }
}
