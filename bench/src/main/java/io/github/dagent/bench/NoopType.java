package io.github.dagent.bench;

import io.github.dagent.engine.TaskHandle;
import io.github.dagent.engine.TaskType;
import io.github.dagent.model.Capabilities;

/** A task type whose body does nothing, so that only the engine's own work is measured. */
final class NoopType implements TaskType {
  static final String NAME = "bench-noop";

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
    // the body is empty on purpose: the engine's overhead is what is measured
  }
}
