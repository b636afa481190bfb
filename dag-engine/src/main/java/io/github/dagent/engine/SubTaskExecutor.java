package io.github.dagent.engine;

import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool that runs sub-tasks.
 *
 * <p>Design note: at most {@code workers} runs hold a slot at once. A dispatcher thread takes
 * handed-in work in order, waits for a slot and starts the run on a thread of an unbounded
 * pool. A run that ignores interruption after its timeout or CANCEL is abandoned after a grace
 * period: its slot is given back, it is counted ({@link #abandoned()}), and its thread is left
 * to end on its own; its late writes lose their compare-and-set. A sub-task id is queued or
 * running at most once in this process; the claim's compare-and-set covers every other case.
 *
 * <p>Thread-safe.
 */
final class SubTaskExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(SubTaskExecutor.class);

  private final DagStore store;
  private final EngineClock clock;
  private final TaskRegistry registry;
  private final Advancer advancer;
  private final Duration abandonGrace;
  private final Semaphore slots;
  private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
  private final Map<Long, Work> queued = new ConcurrentHashMap<>();
  private final Map<Long, SubTaskRun> running = new ConcurrentHashMap<>();
  private final AtomicLong abandoned = new AtomicLong();
  private final ExecutorService threads = Executors.newCachedThreadPool(daemons("dagent-worker"));
  private final ExecutorService hooks = Executors.newCachedThreadPool(daemons("dagent-cancel"));
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(daemons("dagent-watchdog"));
  private final Thread dispatcher;
  private volatile boolean closing;

  SubTaskExecutor(DagStore store, EngineClock clock, TaskRegistry registry, int workers,
      Duration abandonGrace, Advancer advancer) {
    this.store = store;
    this.clock = clock;
    this.registry = registry;
    this.advancer = advancer;
    this.abandonGrace = abandonGrace;
    this.slots = new Semaphore(workers);
    this.dispatcher = daemons("dagent-dispatcher").newThread(this::dispatch);
  }

  void start() {
    dispatcher.start();
  }

  DagStore store() {
    return store;
  }

  EngineClock clock() {
    return clock;
  }

  TaskRegistry registry() {
    return registry;
  }

  Advancer advancer() {
    return advancer;
  }

  boolean isClosing() {
    return closing;
  }

  /** How many runs were abandoned because they ignored interruption. */
  long abandoned() {
    return abandoned.get();
  }

  /** Hands a sub-task in; a sub-task already queued or running here is ignored. */
  void submit(Work work) {
    if (closing || queued.putIfAbsent(work.row().id(), work) != null) {
      return;
    }
    queue.add(work);
  }

  /**
   * After CANCEL stored the sub-task FAILED: marks its run cancelled, interrupts it, and runs
   * its type's cancel hook once on a hook thread, bounded by the sub-task's timeout.
   */
  void cancel(long subTaskId) {
    SubTaskRun run = running.get(subTaskId);
    if (run == null) {
      return;
    }
    run.handle().ifPresent(RunHandle::markCancelled);
    run.interrupt();
    if (run.startHook()) {
      runCancelHook(run);
    }
    watchdog.schedule(() -> abandonIfStuck(run), abandonGrace.toMillis(), TimeUnit.MILLISECONDS);
  }

  Future<?> scheduleTimeout(SubTaskRun run, long seconds) {
    return watchdog.schedule(() -> timeOut(run, seconds), seconds, TimeUnit.SECONDS);
  }

  /**
   * Stops taking work, interrupts every run and waits briefly for them. Runs that fail
   * because of the interrupt store nothing, so the next start recovers them.
   */
  void close(Duration wait) {
    closing = true;
    dispatcher.interrupt();

    running.values().forEach(SubTaskRun::interrupt);
    threads.shutdown();
    hooks.shutdown();
    try {
      if (!threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} sub-task runs did not stop within {}; leaving them RUNNING for recovery",
            running.size(), wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }

    watchdog.shutdownNow();
    hooks.shutdownNow();
    queue.clear();
    queued.clear();
  }

  private void dispatch() {
    while (!closing) {
      try {
        Work work = queue.take();
        slots.acquire();
        startRun(work);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void startRun(Work work) {
    SubTaskRun run = new SubTaskRun(this, work);
    try {
      threads.execute(() -> runOnWorker(run));
    } catch (RejectedExecutionException e) {
      slots.release();
      queued.remove(work.row().id(), work);
    }
  }

  private void runOnWorker(SubTaskRun run) {
    running.put(run.subTaskId(), run);
    try {
      run.run();
    } finally {
      running.remove(run.subTaskId(), run);
      queued.remove(run.subTaskId(), run.work());
      if (run.releaseSlot()) {
        slots.release();
      }
      if (!closing) {
        advancer.wake(run.work().row().dagId());
      }
    }
  }

  private void timeOut(SubTaskRun run, long seconds) {
    if (run.isFinished() || run.handle().isEmpty()) {
      return;
    }
    RunHandle handle = run.handle().get();
    handle.markCancelled();
    SubTask row = handle.row();
    SubTask failed = row.with(TaskState.FAILED, row.operator())
        .withTimes(row.startTime(), clock.endAfter(row.startTime()));
    boolean won = store.commit(ChangeSet.builder().subTask(row, failed)
        .log(new TaskLog(row.id(), row.executeTimes(), "sub task timeout", failed.endTime()))
        .build());
    run.interrupt();
    if (won) {
      LOG.warn("dag={} subtask={} timed out after {} s; it is FAILED and its thread"
          + " interrupted", run.work().dag(), row.id(), seconds);
      advancer.wake(row.dagId());
    }
    watchdog.schedule(() -> abandonIfStuck(run), abandonGrace.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void abandonIfStuck(SubTaskRun run) {
    if (run.isFinished() || !run.releaseSlot()) {
      return;
    }
    slots.release();
    running.remove(run.subTaskId(), run);
    queued.remove(run.subTaskId(), run.work());
    long count = abandoned.incrementAndGet();
    LOG.warn("dag={} subtask={} ignored interruption for {}; its thread is abandoned and its"
        + " worker slot reused ({} abandoned so far)", run.work().dag(), run.subTaskId(),
        abandonGrace, count);
  }

  private void runCancelHook(SubTaskRun run) {
    if (run.type().isEmpty() || run.handle().isEmpty()) {
      return;
    }
    TaskType type = run.type().get();
    RunHandle handle = run.handle().get();
    long seconds = timeoutOf(handle);
    try {
      Future<?> hook = hooks.submit(() -> callHook(type, handle, run));
      watchdog.schedule(() -> hook.cancel(true), seconds, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      LOG.warn("dag={} subtask={} cancel hook not run: the engine is closing",
          run.work().dag(), run.subTaskId());
    }
  }

  private void callHook(TaskType type, RunHandle handle, SubTaskRun run) {
    try {
      type.cancel(handle);
      LOG.info("dag={} subtask={} cancel hook ran", run.work().dag(), run.subTaskId());
    } catch (Throwable t) {
      LOG.warn("dag={} subtask={} cancel hook failed: {}; the sub-task stays cancelled",
          run.work().dag(), run.subTaskId(), SubTaskRun.describe(t));
    }
  }

  private static long timeoutOf(RunHandle handle) {
    try {
      return handle.context().timeoutSeconds();
    } catch (RuntimeException e) {
      return TaskContext.DEFAULT_TIMEOUT_SECONDS;
    }
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
