package io.github.dagent.engine;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one sub-task on one worker thread: claim the stored row, run the task's body,
 * store the outcome.
 *
 * <p>Design note: the claim (READY to RUNNING, or RUNNING to RUNNING with a later start time
 * for a continued run) is a compare-and-set, so a sub-task handed in twice, or by two engines
 * on one store, runs once. Every later write of this run names the claimed row; a timeout or
 * CANCEL that changed the row first makes those writes lose, so a stale run never overwrites
 * a newer state. The interrupt of the worker thread is guarded by {@link #lock} so that a late
 * timeout never interrupts the thread after it moved on to other work.
 */
final class SubTaskRun {
  private static final Logger LOG = LoggerFactory.getLogger(SubTaskRun.class);

  private final SubTaskExecutor executor;
  private final Work work;
  private final Object lock = new Object();
  private final AtomicBoolean slotReleased = new AtomicBoolean();
  private final AtomicBoolean hookStarted = new AtomicBoolean();
  private Thread thread;
  private boolean finished;
  private volatile RunHandle handle;
  private volatile TaskType type;
  private volatile Future<?> timeout;

  SubTaskRun(SubTaskExecutor executor, Work work) {
    this.executor = executor;
    this.work = work;
  }

  Work work() {
    return work;
  }

  long subTaskId() {
    return work.row().id();
  }

  Optional<RunHandle> handle() {
    return Optional.ofNullable(handle);
  }

  Optional<TaskType> type() {
    return Optional.ofNullable(type);
  }

  /** True once the first caller asks; the cancel hook runs at most once per run. */
  boolean startHook() {
    return hookStarted.compareAndSet(false, true);
  }

  /** True for the one caller that gives the worker slot back. */
  boolean releaseSlot() {
    return slotReleased.compareAndSet(false, true);
  }

  boolean isFinished() {
    synchronized (lock) {
      return finished;
    }
  }

  /** Interrupts the worker thread if this run still occupies it. */
  void interrupt() {
    synchronized (lock) {
      if (thread != null && !finished) {
        thread.interrupt();
      }
    }
  }

  /** Runs on a worker thread. Never throws. */
  void run() {
    synchronized (lock) {
      thread = Thread.currentThread();
    }
    try {
      claim().ifPresent(this::runClaimed);
    } catch (RuntimeException e) {
      LOG.warn("dag={} subtask={} run could not be stored; the sweep will look at it again",
          work.dag(), subTaskId(), e);
    } finally {
      Future<?> pending = timeout;
      if (pending != null) {
        pending.cancel(false);
      }
      synchronized (lock) {
        finished = true;
        thread = null;
      }
      Thread.interrupted();
    }
  }

  private Optional<SubTask> claim() {
    DagStore store = executor.store();
    SubTask expected = work.row();
    for (int attempt = 0; attempt < 2; attempt++) {
      if (expected.state() != wantedState()) {
        LOG.debug("dag={} subtask={} is {} now, not {}; nothing to run", work.dag(),
            subTaskId(), expected.state(), wantedState());
        return Optional.empty();
      }
      SubTask running = claimed(expected);
      if (store.commit(ChangeSet.builder().subTask(expected, running).build())) {
        LOG.debug("dag={} subtask={} {} -> RUNNING (execute_times {}, {})", work.dag(),
            subTaskId(), expected.state(), running.executeTimes(), work.mode());
        return Optional.of(running);
      }
      Optional<SubTask> fresh = store.findSubTask(subTaskId());
      if (fresh.isEmpty()) {
        return Optional.empty();
      }
      expected = fresh.get();
    }
    return Optional.empty();
  }

  private TaskState wantedState() {
    return work.mode().continuing() ? TaskState.RUNNING : TaskState.READY;
  }

  private SubTask claimed(SubTask expected) {
    int times = work.mode() == Mode.EXECUTE ? expected.executeTimes() + 1
        : expected.executeTimes();
    return expected.with(TaskState.RUNNING, expected.operator())
        .withTimes(executor.clock().restartAfter(expected.startTime()), expected.endTime())
        .withExecuteTimes(times);
  }

  private void runClaimed(SubTask running) {
    RunHandle runHandle = new RunHandle(executor.store(), executor.clock(), work.dag(), running,
        work.mode().continuing());
    handle = runHandle;
    Optional<TaskType> found = executor.registry().find(running.taskType());
    if (found.isEmpty()) {
      LOG.warn("dag={} subtask={} has type '{}', which is not registered; failing it",
          work.dag(), subTaskId(), running.taskType());
      finish(TaskState.FAILED, "task type '" + running.taskType() + "' is not registered on"
          + " this agent (registered: " + executor.registry().names() + "); register it and"
          + " retry the dag");
      return;
    }
    type = found.get();
    long seconds;
    try {
      seconds = running.context().timeoutSeconds();
    } catch (DagentException e) {
      finish(TaskState.FAILED, e.getMessage());
      return;
    }
    timeout = executor.scheduleTimeout(this, seconds);
    runBody(found.get(), runHandle);
  }

  private void runBody(TaskType taskType, RunHandle runHandle) {
    String failure = null;
    try {
      if (work.mode().rollback()) {
        taskType.rollback(runHandle);
      } else {
        taskType.execute(runHandle);
      }
    } catch (Throwable t) {
      failure = (work.mode().rollback() ? "rollback failed: " : "execute failed: ")
          + describe(t);
    }
    if (runHandle.isCancelled()) {
      LOG.debug("dag={} subtask={} run ended after it was cancelled or timed out", work.dag(),
          subTaskId());
      return;
    }
    if (failure != null && executor.isClosing()) {
      LOG.debug("dag={} subtask={} stopped by engine close; left RUNNING for recovery",
          work.dag(), subTaskId());
      return;
    }
    if (failure != null) {
      LOG.warn("dag={} subtask={} {}; it is FAILED", work.dag(), subTaskId(), failure);
    }
    finish(failure == null ? TaskState.SUCCEED : TaskState.FAILED, failure);
  }

  private void finish(TaskState state, String line) {
    RunHandle runHandle = handle;
    SubTask row = runHandle.row();
    SubTask done = row.with(state, row.operator())
        .withTimes(row.startTime(), executor.clock().endAfter(row.startTime()));
    ChangeSet.Builder changes = ChangeSet.builder().subTask(row, done);
    if (line != null) {
      changes.log(new TaskLog(row.id(), row.executeTimes(), line, done.endTime()));
    }
    if (storeFinish(changes.build(), done)) {
      LOG.debug("dag={} subtask={} RUNNING -> {}", work.dag(), subTaskId(), state);
    } else {
      LOG.debug("dag={} subtask={} changed while it ran; {} not stored", work.dag(),
          subTaskId(), state);
    }
  }

  /**
   * Stores the outcome, trying again twice when the store fails: a finish that is not
   * stored leaves the sub-task RUNNING until the next start recovers it.
   */
  private boolean storeFinish(ChangeSet finish, SubTask done) {
    for (int attempt = 1; ; attempt++) {
      try {
        return executor.advancer().commitFinished(finish, done);
      } catch (RuntimeException e) {
        if (attempt == 3 || executor.isClosing()) {
          LOG.error("dag={} subtask={} outcome {} could not be stored; it stays RUNNING until"
              + " the engine restarts and recovers it", work.dag(), subTaskId(), done.state(),
              e);
          return false;
        }
        LOG.warn("dag={} subtask={} outcome could not be stored ({}); trying again",
            work.dag(), subTaskId(), e.getMessage());
        pause(attempt * 200L);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getName() : message;
  }
}
