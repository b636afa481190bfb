package io.github.dagent.server.task;

import io.github.dagent.engine.TaskHandle;
import io.github.dagent.model.Capabilities;
import java.util.Map;

/**
 * Sleeps {@code seconds} (a number, fractions allowed). Allows every operator: CANCEL
 * interrupts the sleep, rollback has nothing to undo, and after a crash it continues by
 * sleeping the whole time again (it keeps no progress). Thread-safe and stateless.
 */
final class SleepTaskType implements PlannedTaskType {
  @Override
  public String name() {
    return BuiltInTaskTypes.SLEEP;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.ALL;
  }

  @Override
  public void checkParams(Map<String, Object> params, String path) {
    Object value = params.get("seconds");
    if (!(value instanceof Number number) || number.doubleValue() < 0
        || number.doubleValue() > 86_400) {
      throw ParamChecks.invalid(path + ".seconds", "must be a number of seconds from 0 to "
          + "86400, got " + ParamChecks.describe(value));
    }
  }

  @Override
  public void execute(TaskHandle handle) throws InterruptedException {
    Object value = handle.context().params().get("seconds");
    double seconds = value instanceof Number number ? number.doubleValue() : 0;
    handle.log((handle.isContinuing() ? "continuing after a restart: sleeping " : "sleeping ")
        + value + " s");
    Thread.sleep(Math.round(seconds * 1000));
    handle.log("slept " + value + " s");
  }

  @Override
  public void rollback(TaskHandle handle) {
    handle.log("sleep has nothing to undo");
  }
}
