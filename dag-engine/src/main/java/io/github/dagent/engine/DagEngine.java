package io.github.dagent.engine;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.ListDetail;
import io.github.dagent.store.NewDag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine built by {@link EngineBuilder}: wires store, scheduler, executor and operators. */
final class DagEngine implements Engine {
  private static final Logger LOG = LoggerFactory.getLogger(DagEngine.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final DagStore store;
  private final boolean ownsStore;
  private final TaskRegistry registry;
  private final AgentAddress agent;
  private final EngineClock clock;
  private final Waiters waiters;
  private final SubTaskExecutor executor;
  private final Scheduler scheduler;
  private final OperatorService operators;
  private final Recovery recovery;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  DagEngine(DagStore store, boolean ownsStore, TaskRegistry registry, AgentAddress agent,
      EngineClock clock, int workers, Duration sweepInterval, Duration abandonGrace) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.registry = registry;
    this.agent = agent;
    this.clock = clock;
    this.waiters = new Waiters(store);
    WakeRelay relay = new WakeRelay();
    this.executor = new SubTaskExecutor(store, clock, registry, workers, abandonGrace, relay);
    this.scheduler = new Scheduler(store, new StagePlanner(clock), executor, waiters,
        sweepInterval);
    relay.target = scheduler;
    this.operators = new OperatorService(store, clock, executor, scheduler, waiters);
    this.recovery = new Recovery(store, clock, executor);
  }

  @Override
  public void start() {
    if (closed.get()) {
      throw new IllegalStateException("this engine was closed; build a new one");
    }
    if (!started.compareAndSet(false, true)) {
      return;
    }
    executor.start();
    recovery.run(scheduler::wake);
    scheduler.start();
    LOG.info("engine started as agent {} on {} with task types {}", agent, store.description(),
        registry.names());
  }

  @Override
  public DagGraph submit(Template template, TaskContext context) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(context, "context");
    context.timeoutSeconds();
    Template checked = withTypeCapabilities(template);
    DagGraph graph = store.createDag(new NewDag(checked, context, agent, clock.now()));
    LOG.debug("dag={} created from template '{}' with {} stages", graph.dag().genericId(),
        template.name(), graph.dag().maxStage());
    scheduler.wake(graph.dag().id());
    return graph;
  }

  /**
   * Checks every sub-task's type is registered and its params' timeout, and stores as its
   * capabilities the AND of its template's flags and its type's flags: a plan can narrow what
   * a type allows, never widen it.
   */
  private Template withTypeCapabilities(Template template) {
    List<NodeTemplate> nodes = new ArrayList<>();
    for (NodeTemplate node : template.nodes()) {
      TaskType type = registry.find(node.taskType()).orElseThrow(() -> new DagentException(
          ErrorCode.TASK_TEMPLATE_INVALID, "node '" + node.name() + "' uses task type '"
              + node.taskType() + "', which is not registered; registered: "
              + registry.names()));
      List<SubTaskTemplate> subs = new ArrayList<>();
      for (SubTaskTemplate sub : node.subTasks()) {
        TaskContext.ofParams(sub.params()).timeoutSeconds();
        subs.add(sub.withCapabilities(and(sub.capabilities(), type.capabilities())));
      }
      nodes.add(new NodeTemplate(node.name(), node.parallel(), subs));
    }
    return new Template(template.name(), template.scope(), template.maintenance(), nodes);
  }

  private static Capabilities and(Capabilities a, Capabilities b) {
    return Capabilities.fromBits(a.bits() & b.bits());
  }

  @Override
  public void operate(long dagId, Operator operator) {
    operators.operate(dagId, operator);
  }

  @Override
  public CompletableFuture<Dag> whenFinished(long dagId) {
    CompletableFuture<Dag> future = waiters.add(dagId);
    Optional<Dag> dag = store.findDag(dagId);
    if (dag.isEmpty()) {
      future.completeExceptionally(new DagentException(ErrorCode.TASK_NOT_FOUND,
          "dag " + dagId + " does not exist; list dags to find its id"));
    } else {
      waiters.seen(dag.get());
    }
    return future;
  }

  @Override
  public List<Dag> unfinished() {
    return store.listUnfinished(DagFilter.ALL, ListDetail.DAGS).graphs().stream()
        .map(DagGraph::dag).toList();
  }

  @Override
  public long abandonedSubTasks() {
    return executor.abandoned();
  }

  @Override
  public DagStore store() {
    return store;
  }

  @Override
  public AgentAddress agent() {
    return agent;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("engine stopping: no new work, interrupting running sub-tasks");

    scheduler.close(CLOSE_WAIT);
    executor.close(CLOSE_WAIT);
    waiters.failAll(new DagentException(ErrorCode.COMMON_UNEXPECTED,
        "the engine was closed before the dag finished; read the dag from the store"));

    if (ownsStore) {
      store.close();
    }
    LOG.info("engine stopped; unfinished work is recovered on the next start");
  }

  /** Lets the executor reach the scheduler, which is built after it. */
  private static final class WakeRelay implements Advancer {
    private volatile Scheduler target;

    @Override
    public void wake(long dagId) {
      target.wake(dagId);
    }

    @Override
    public boolean commitFinished(ChangeSet finish, SubTask done) {
      return target.commitFinished(finish, done);
    }
  }
}
