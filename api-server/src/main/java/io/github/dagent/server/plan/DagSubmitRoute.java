package io.github.dagent.server.plan;

import io.github.dagent.engine.Engine;
import io.github.dagent.engine.TaskType;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.TaskDetails;
import io.github.dagent.server.http.ApiRequest;
import io.github.dagent.server.http.Router;
import io.github.dagent.server.route.LockHolders;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.MaintenanceLockedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/task/dag}: submits a plan document (see {@link Plan}) and answers the
 * new dag's DagDetailDTO with details. The route is protected like every task route; the auth
 * filter has decrypted the body when it gets here.
 *
 * <p>Refusals are 400s that store nothing: {@code Task.Template.Invalid} with the wrong field's
 * path first in the message, or {@code Task.Maintenance.Locked} (message starting with
 * {@code maintenance:}) naming the dag that holds the lock. Thread-safe.
 */
public final class DagSubmitRoute {
  private static final Logger LOG = LoggerFactory.getLogger(DagSubmitRoute.class);

  private final List<TaskType> types;
  private final Engine engine;
  private final TaskDetails details;
  private final DagStore store;

  /**
   * @param types the task types plans may name, as registered with the engine
   * @param engine stores and runs the dag
   * @param details turns the stored dag into its DTO
   * @param store names the holder of a maintenance lock by its generic id
   */
  @Inject
  public DagSubmitRoute(Set<TaskType> types, Engine engine, TaskDetails details,
      DagStore store) {
    this.types = List.copyOf(types);
    this.engine = engine;
    this.details = details;
    this.store = store;
  }

  /**
   * Adds the route to a router.
   *
   * @param router the router being built
   */
  public void addTo(Router.Builder router) {
    router.post("/api/v1/task/dag", this::submit);
  }

  private DagDetailDTO submit(ApiRequest request) {
    request.requireJsonContent();
    Plan plan = Plan.parse(new String(request.body(), StandardCharsets.UTF_8), types);

    DagGraph graph;
    try {
      graph = engine.submit(plan.template(), plan.context());
    } catch (MaintenanceLockedException e) {
      throw LockHolders.named(store, e, "maintenance: ");
    }

    LOG.info("dag={} submitted: '{}' with {} stages", graph.dag().genericId(),
        graph.dag().name(), graph.dag().maxStage());
    return details.dag(graph, Map.of(), true);
  }
}
