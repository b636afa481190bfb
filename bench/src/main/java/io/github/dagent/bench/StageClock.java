package io.github.dagent.bench;

import io.github.dagent.engine.TaskHandle;
import io.github.dagent.engine.TaskType;
import io.github.dagent.model.Capabilities;
import io.github.dagent.model.GenericId;
import org.HdrHistogram.Histogram;

/**
 * A no-op task type that measures how long the engine takes from one sub-task's body returning
 * to the next stage's sub-task body starting, for dags of one sub-task per stage run one at a
 * time. Thread-safe.
 */
final class StageClock implements TaskType {
  static final String NAME = "bench-stage-clock";

  private final Histogram micros = new Histogram(3);
  private GenericId lastDag;
  private long lastEnd;
  private boolean recording;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.ALL;
  }

  @Override
  public void execute(TaskHandle handle) {
    long start = System.nanoTime();
    synchronized (this) {
      if (recording && handle.dagId().equals(lastDag)) {
        micros.recordValue(Math.max(1, (start - lastEnd) / 1000));
      }
      lastDag = handle.dagId();
      lastEnd = System.nanoTime();
    }
  }

  /** Starts or stops recording (warm-up dags are not recorded). */
  synchronized void recording(boolean value) {
    recording = value;
  }

  /** A copy of what was recorded, in microseconds. */
  synchronized Histogram micros() {
    return micros.copy();
  }
}
