package io.github.dagent.server.task;

import io.github.dagent.engine.TaskHandle;
import io.github.dagent.model.GenericId;
import io.github.dagent.model.TaskContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A handle that keeps log lines in memory and records which thread wrote them; or, with a
 * {@link #sink}, hands each line to it instead. {@link #gate} and {@link #logMillis} make
 * logging slow, as a durable store can be.
 */
final class RecordingHandle implements TaskHandle {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<Thread> writers = new CopyOnWriteArrayList<>();
  volatile Consumer<String> sink;
  volatile CountDownLatch gate;
  volatile long logMillis;
  volatile boolean cancelled;
  private final TaskContext context;
  private final boolean continuing;

  RecordingHandle(Map<String, ?> params) {
    this(params, false);
  }

  RecordingHandle(Map<String, ?> params, boolean continuing) {
    this.context = TaskContext.ofParams(params);
    this.continuing = continuing;
  }

  @Override
  public GenericId dagId() {
    return GenericId.cluster(7);
  }

  @Override
  public long subTaskId() {
    return 42;
  }

  @Override
  public int executeTimes() {
    return 1;
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
    return context;
  }

  @Override
  public void log(String line) {
    slowDown();
    Consumer<String> to = sink;
    if (to != null) {
      to.accept(line);
      return;
    }
    writers.add(Thread.currentThread());
    lines.add(line);
  }

  private void slowDown() {
    try {
      CountDownLatch wait = gate;
      if (wait != null) {
        wait.await();
      }
      if (logMillis > 0) {
        Thread.sleep(logMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void putData(String key, Object value) {
    throw new UnsupportedOperationException("built-in types write no data");
  }

  @Override
  public void putAdditionalData(String key, Object value) {
    throw new UnsupportedOperationException("built-in types write no additional data");
  }
}
