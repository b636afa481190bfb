package io.github.dagent.server.route;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.dto.Contents;
import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.NodeDetailDTO;
import io.github.dagent.model.dto.TaskDetailDTO;
import io.github.dagent.model.dto.TaskDetails;
import io.github.dagent.model.dto.TaskLogDTO;
import io.github.dagent.server.http.ApiRequest;
import io.github.dagent.server.http.Router;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagListing;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.ListDetail;
import io.github.dagent.store.MaintenanceLockedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task routes of PROTOCOL.md §4. Listings of unfinished dags come from the store's
 * constant-statement listing; single objects are resolved by {@link TaskLookup}. Operators go
 * to the engine, which checks and applies them in one transaction. Thread-safe.
 */
public final class TaskRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRoutes.class);

  private final DagOperations operations;
  private final DagStore store;
  private final AgentAddress self;
  private final TaskLookup lookup;
  private final TaskDetails details;

  /**
   * @param store serves every read
   * @param self this agent, whose agent-scope dags the routes serve
   * @param operations applies operators (the engine)
   * @param details turns stored rows into DTOs
   */
  public TaskRoutes(DagStore store, AgentAddress self, DagOperations operations,
      TaskDetails details) {
    this.store = store;
    this.self = self;
    this.operations = operations;
    this.lookup = new TaskLookup(store, self);
    this.details = details;
  }

  /**
   * Adds every task route to a router. The plan-submitting POST /api/v1/task/dag is added by
   * its own route class next to this one.
   *
   * @param router the router being built
   */
  public void addTo(Router.Builder router) {
    router.get("/api/v1/task/dag/unfinish", this::unfinished)
        .get("/api/v1/task/dag/agent/unfinish", this::agentUnfinished)
        .get("/api/v1/task/dag/ob/unfinish", this::clusterUnfinished)
        .get("/api/v1/task/dag/maintain/agent", this::lastMaintenance)
        .get("/api/v1/task/dags/agent", this::agentDags)
        .get("/api/v1/task/dag/{id}", this::dag)
        .post("/api/v1/task/dag/{id}", this::operate)
        .get("/api/v1/task/node/{id}", this::node)
        .get("/api/v1/task/sub_task/{id}", this::subTask)
        .get("/api/v1/task/sub_task/{id}/logs", this::subTaskLogs);
  }

  private Contents<DagDetailDTO> unfinished(ApiRequest request) {
    return new Contents<>(listing(DagFilter.seenBy(self), request.showDetails()));
  }

  private Contents<DagDetailDTO> agentUnfinished(ApiRequest request) {
    return new Contents<>(listing(DagFilter.agentScope(self), request.showDetails()));
  }

  private Contents<DagDetailDTO> clusterUnfinished(ApiRequest request) {
    return new Contents<>(listing(DagFilter.cluster(), request.showDetails()));
  }

  private List<DagDetailDTO> listing(DagFilter filter, boolean show) {
    DagListing listing = store.listUnfinished(filter,
        show ? ListDetail.GRAPHS_WITH_LOGS : ListDetail.DAGS);
    return listing.graphs().stream()
        .map(graph -> details.dag(graph, listing.logs(), show))
        .toList();
  }

  private DagDetailDTO lastMaintenance(ApiRequest request) {
    boolean show = request.showDetails();
    Dag dag = store.lastMaintenanceDag().orElseThrow(() -> new DagentException(
        ErrorCode.TASK_NOT_FOUND, "this agent has run no maintenance dag yet"));
    return dagDto(dag, show);
  }

  private Contents<DagDetailDTO> agentDags(ApiRequest request) {
    boolean show = request.showDetails();
    return new Contents<>(store.listDags(DagFilter.agentScope(self)).stream()
        .map(dag -> dagDto(dag, show))
        .toList());
  }

  private DagDetailDTO dag(ApiRequest request) {
    boolean show = request.showDetails();
    return dagDto(lookup.dag(request.pathParam("id")), show);
  }

  private Object operate(ApiRequest request) {
    OperatorRequest body = OperatorRequest.parse(request);
    Dag dag = lookup.dag(request.pathParam("id"));
    try {
      operations.operate(dag.id(), body.operator());
    } catch (MaintenanceLockedException e) {
      throw LockHolders.named(store, e, "");
    }
    LOG.info("dag={} operator {} applied", dag.genericId(), body.operator());
    return null;
  }

  private NodeDetailDTO node(ApiRequest request) {
    boolean show = request.showDetails();
    TaskLookup.Found<Node> found = lookup.node(request.pathParam("id"));
    List<SubTask> subTasks = graph(found.dag()).subTasksOf(found.item().id());
    return details.node(found.dag(), found.item(), subTasks,
        show ? logsOf(subTasks) : Map.of(), show);
  }

  private TaskDetailDTO subTask(ApiRequest request) {
    TaskLookup.Found<SubTask> found = lookup.subTask(request.pathParam("id"));
    return details.subTask(found.dag(), found.item(), store.logs(found.item().id()));
  }

  private Contents<TaskLogDTO> subTaskLogs(ApiRequest request) {
    TaskLookup.Found<SubTask> found = lookup.subTask(request.pathParam("id"));
    return new Contents<>(store.logs(found.item().id()).stream().map(details::log).toList());
  }

  private DagDetailDTO dagDto(Dag dag, boolean show) {
    DagGraph graph = graph(dag);
    return details.dag(graph, show ? logsOf(graph.subTasks()) : Map.of(), show);
  }

  private DagGraph graph(Dag dag) {
    return store.loadDag(dag.id()).orElseThrow(() -> new DagentException(
        ErrorCode.TASK_NOT_FOUND, "dag " + dag.genericId() + " was deleted while being read"));
  }

  private Map<Long, List<TaskLog>> logsOf(List<SubTask> subTasks) {
    Map<Long, List<TaskLog>> logs = new HashMap<>();
    for (SubTask subTask : subTasks) {
      if (subTask.executeTimes() > 0) {
        logs.put(subTask.id(), store.logs(subTask.id()));
      }
    }
    return logs;
  }

  /**
   * Checks that an operator a client names is one it may ask for.
   *
   * @param operator the parsed operator
   * @return it, unless it is RUN
   */
  static Operator requireUserOperator(Operator operator) {
    if (operator == Operator.RUN) {
      throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT,
          "operator 'run' is the scheduler's own; use one of retry, rollback, cancel, pass");
    }
    return operator;
  }
}
