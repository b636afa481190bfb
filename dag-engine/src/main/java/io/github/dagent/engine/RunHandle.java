package io.github.dagent.engine;

import io.github.dagent.model.GenericId;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The handle of one run of one sub-task. It holds the sub-task's row as this run last stored
 * it: {@link #putData} and {@link #putAdditionalData} write the row at once (a
 * compare-and-set on the RUNNING row), so a crash or a rollback after a failure sees what the
 * task recorded. When the row changed under the run (CANCEL, timeout), those writes throw
 * {@link CancellationException} and the run should stop.
 *
 * <p>Thread-safe: writes are serialized on this handle.
 */
final class RunHandle implements TaskHandle {
  private final DagStore store;
  private final EngineClock clock;
  private final GenericId dag;
  private final boolean continuing;
  private volatile SubTask row;
  private volatile boolean cancelled;

  RunHandle(DagStore store, EngineClock clock, GenericId dag, SubTask running,
      boolean continuing) {
    this.store = store;
    this.clock = clock;
    this.dag = dag;
    this.row = running;
    this.continuing = continuing;
  }

  @Override
  public GenericId dagId() {
    return dag;
  }

  @Override
  public long subTaskId() {
    return row.id();
  }

  @Override
  public int executeTimes() {
    return row.executeTimes();
  }

  @Override
  public boolean isContinuing() {
    return continuing;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public TaskContext context() {
    return row.context();
  }

  @Override
  public void log(String line) {
    Objects.requireNonNull(line, "line");
    store.appendLog(new TaskLog(row.id(), row.executeTimes(), line, clock.now()));
  }

  @Override
  public synchronized void putData(String key, Object value) {
    Objects.requireNonNull(key, "key");
    write(row.withContext(row.context().withData(key, value)));
  }

  @Override
  public synchronized void putAdditionalData(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Map<String, Object> data = new LinkedHashMap<>(row.additionalData());
    data.put(key, value);
    write(row.withAdditionalData(data));
  }

  /** The row as this run last stored it. */
  synchronized SubTask row() {
    return row;
  }

  void markCancelled() {
    cancelled = true;
  }

  private void write(SubTask updated) {
    boolean won = store.commit(ChangeSet.builder().subTask(row, updated).build());
    if (!won) {
      cancelled = true;
      throw new CancellationException("dag=" + dag + " subtask=" + row.id()
          + " is no longer running (cancelled or timed out); stop this run");
    }
    row = updated;
  }
}
