package io.github.dagent.engine;

import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.model.SubTask;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.ListDetail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances dags, one thread, event-driven.
 *
 * <p>Design note: {@link #wake} puts a dag id on a queue (at most once while it waits); the
 * scheduler thread takes it, reads the dag's rows, lets {@link StagePlanner} decide, commits
 * the step with compare-and-set and hands the READY sub-tasks to the executor, then decides
 * again until nothing changes. A finished sub-task, a submit and every operator wake the dag
 * at once, so a stage advances in one store read and one transaction. Every
 * {@code sweepInterval} the thread also wakes every unfinished dag, which backs up anything a
 * wake-up missed (the in-memory queue is only a cache of the store). A failure while
 * advancing one dag is logged and left to the next sweep; it never stops the thread.
 */
final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final int MAX_STEPS = 64;

  private final DagStore store;
  private final StagePlanner planner;
  private final SubTaskExecutor executor;
  private final Waiters waiters;
  private final Duration sweepInterval;
  private final BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closing;

  Scheduler(DagStore store, StagePlanner planner, SubTaskExecutor executor, Waiters waiters,
      Duration sweepInterval) {
    this.store = store;
    this.planner = planner;
    this.executor = executor;
    this.waiters = waiters;
    this.sweepInterval = sweepInterval;
    this.thread = new Thread(this::loop, "dagent-scheduler");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Asks the scheduler to look at a dag soon; cheap and safe from any thread. */
  void wake(long dagId) {
    if (queued.add(dagId)) {
      queue.add(dagId);
    }
  }

  void close(Duration wait) {
    closing = true;
    thread.interrupt();
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    long nextSweep = System.nanoTime();
    while (!closing) {
      try {
        long waitNanos = nextSweep - System.nanoTime();
        Long dagId = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : null;
        if (dagId != null) {
          queued.remove(dagId);
          advanceSafely(dagId);
        } else {
          sweep();
          nextSweep = System.nanoTime() + sweepInterval.toNanos();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sweep() {
    try {
      for (DagGraph graph : store.listUnfinished(DagFilter.ALL, ListDetail.DAGS).graphs()) {
        if (!graph.dag().state().isFinal()) {
          wake(graph.dag().id());
        }
      }
      waiters.dagIds().forEach(this::wake);
    } catch (RuntimeException e) {
      LOG.warn("sweep of unfinished dags failed; will sweep again in {}", sweepInterval, e);
    }
  }

  private void advanceSafely(long dagId) {
    try {
      advance(dagId);
    } catch (RuntimeException e) {
      LOG.warn("dag={} could not be advanced; the next sweep tries again", dagId, e);
    }
  }

  /** Decides and commits steps for one dag until nothing changes. */
  void advance(long dagId) {
    for (int i = 0; i < MAX_STEPS && !closing; i++) {
      Optional<DagGraph> graph = store.loadDag(dagId);
      if (graph.isEmpty()) {
        return;
      }
      Step step = planner.plan(graph.get());
      if (step.changes().isEmpty()) {
        hand(graph.get(), step);
        waiters.seen(step.dag());
        return;
      }
      if (store.commit(step.changes().get())) {
        hand(graph.get(), step);
        waiters.seen(step.dag());
        if (step.dag().state().isFinal() || !step.ready().isEmpty()) {
          return;
        }
      } else {
        LOG.debug("dag={} changed while deciding its next step; reading it again",
            graph.get().dag().genericId());
      }
    }
  }

  /**
   * Called on a worker thread when a run ends: stores the finish together with the step it
   * makes possible (the node's end, the next stage's start), in one transaction, so that a
   * stage advances with one commit less. When that loses (a sibling finished or an operator
   * acted meanwhile), only the finish is stored and the scheduler thread decides the step.
   */
  boolean commitFinished(ChangeSet finish, SubTask done) {
    Optional<DagGraph> graph = closing ? Optional.empty() : store.loadDag(done.dagId());
    if (graph.isPresent()) {
      DagGraph after = withSubTask(graph.get(), done);
      Step step = planner.plan(after);
      if (step.changes().isPresent() && store.commit(fuse(finish, step.changes().get()))) {
        hand(after, step);
        waiters.seen(step.dag());
        return true;
      }
    }
    return store.commit(finish);
  }

  private static DagGraph withSubTask(DagGraph graph, SubTask done) {
    List<SubTask> subs = new ArrayList<>();
    for (SubTask sub : graph.subTasks()) {
      subs.add(sub.id() == done.id() ? done : sub);
    }
    return new DagGraph(graph.dag(), graph.nodes(), subs);
  }

  private static ChangeSet fuse(ChangeSet first, ChangeSet second) {
    return new ChangeSet(join(first.dags(), second.dags()), join(first.nodes(), second.nodes()),
        join(first.subTasks(), second.subTasks()), join(first.logs(), second.logs()),
        join(first.locksTaken(), second.locksTaken()),
        join(first.locksReleased(), second.locksReleased()));
  }

  private static <T> List<T> join(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private void hand(DagGraph graph, Step step) {
    for (SubTask sub : step.ready()) {
      Mode mode = sub.operator() == Operator.ROLLBACK ? Mode.ROLLBACK : Mode.EXECUTE;
      executor.submit(new Work(graph.dag().genericId(), sub, mode));
    }
  }
}
