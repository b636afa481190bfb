package io.github.dagent.store;

import io.github.dagent.model.DagGraph;
import io.github.dagent.model.TaskLog;
import java.util.List;
import java.util.Map;

/**
 * What a listing read. With {@link ListDetail#DAGS} each graph has no nodes or sub-tasks; logs
 * are filled only with {@link ListDetail#GRAPHS_WITH_LOGS}.
 *
 * @param graphs the dags, ordered by id
 * @param logs log lines by sub-task id, oldest first; sub-tasks without lines are absent
 */
public record DagListing(List<DagGraph> graphs, Map<Long, List<TaskLog>> logs) {
  /** Copies both. */
  public DagListing {
    graphs = List.copyOf(graphs);
    logs = Map.copyOf(logs);
  }
}
