package io.github.dagent.engine;

import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.ListDetail;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link Engine#start} does before scheduling, per ENGINE.md "Time, restart and
 * recovery": a sub-task found RUNNING was interrupted by the death of the process. If its
 * capabilities allow continue it is run again (same execute_times, the handle says it is
 * continuing); otherwise it is FAILED with "task unexpectedly interrupted and cannot
 * continue". READY sub-tasks are handed in by the scheduler's first pass over every dag.
 */
final class Recovery {
  static final String INTERRUPTED_LINE = "task unexpectedly interrupted and cannot continue";
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final DagStore store;
  private final EngineClock clock;
  private final SubTaskExecutor executor;

  Recovery(DagStore store, EngineClock clock, SubTaskExecutor executor) {
    this.store = store;
    this.clock = clock;
    this.executor = executor;
  }

  /** Recovers every unfinished dag and wakes each through {@code wake}. */
  void run(LongConsumer wake) {
    List<DagGraph> graphs = store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS).graphs();
    int continued = 0;
    int failed = 0;
    for (DagGraph graph : graphs) {
      for (SubTask sub : graph.subTasks()) {
        if (sub.state() != TaskState.RUNNING) {
          continue;
        }
        if (sub.capabilities().canContinue()) {
          Mode mode = sub.operator() == Operator.ROLLBACK ? Mode.CONTINUE_ROLLBACK
              : Mode.CONTINUE;
          executor.submit(new Work(graph.dag().genericId(), sub, mode));
          LOG.info("dag={} subtask={} was RUNNING when the engine stopped; continuing it",
              graph.dag().genericId(), sub.id());
          continued++;
        } else {
          failInterrupted(graph, sub);
          failed++;
        }
      }
      wake.accept(graph.dag().id());
    }
    LOG.info("recovered {} unfinished dags: {} sub-tasks continued, {} failed as interrupted",
        graphs.size(), continued, failed);
  }

  private void failInterrupted(DagGraph graph, SubTask sub) {
    SubTask failed = sub.with(TaskState.FAILED, sub.operator())
        .withTimes(sub.startTime(), clock.endAfter(sub.startTime()));
    boolean won = store.commit(ChangeSet.builder().subTask(sub, failed)
        .log(new TaskLog(sub.id(), sub.executeTimes(), INTERRUPTED_LINE, failed.endTime()))
        .build());
    if (won) {
      LOG.warn("dag={} subtask={} was RUNNING when the engine stopped and cannot continue;"
          + " it is FAILED, retry the dag to run it again", graph.dag().genericId(), sub.id());
    }
  }
}
