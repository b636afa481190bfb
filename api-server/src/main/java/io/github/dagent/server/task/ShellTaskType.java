package io.github.dagent.server.task;

import io.github.dagent.engine.TaskHandle;
import io.github.dagent.model.Capabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /bin/sh -c <command>}. Params: {@code command} (required), {@code rollback} and
 * {@code cancel} (optional commands), {@code workdir} (created when missing; relative paths
 * resolve against the agent's default), {@code timeout} (enforced by the engine, which
 * interrupts the run; the interrupt kills the command's process tree).
 *
 * <p>The cancel command runs once after CANCEL (from the engine's cancel hook) and after a
 * timeout. The engine calls no hook on a timeout; it marks the handle cancelled and
 * interrupts the run, so a run interrupted while cancelled once its timeout has (within
 * {@link #TIMEOUT_SLACK_MILLIS}) elapsed starts the cancel command itself, on its own
 * thread, bounded by the sub-task's timeout. A claim per sub-task keeps the hook from running
 * it a second time.
 *
 * <p>Params are refused at submit when a value holds a NUL character (no environment
 * variable can carry it) or when two keys map to the same {@code DAGENT_} variable.
 *
 * <p>Allows retry, pass and cancel; rollback by default only when a rollback command is given
 * ({@link #capabilities()} includes rollback because the engine ANDs a plan's flags with the
 * type's, and a plan may allow rollback of a stage that has nothing to undo); never
 * continue: a command cut off by a crash is not run a second time (ENGINE.md recovery).
 * Thread-safe: one instance runs any number of sub-tasks at once.
 */
final class ShellTaskType implements PlannedTaskType {
  /** What the type can do; the engine ANDs it with each sub-task's flags. */
  private static final Capabilities WIDEST = new Capabilities(true, false, true, true, true);

  /** How early before its timeout an interrupt of a cancelled run counts as the timeout. */
  static final long TIMEOUT_SLACK_MILLIS = 1000;

  private final Path defaultWorkdir;
  private final ConcurrentMap<Long, ShellRun> running = new ConcurrentHashMap<>();
  /** Sub-tasks whose cancel command runs now (claimed by the hook or by a timeout). */
  private final ConcurrentMap<Long, Boolean> cancelling = new ConcurrentHashMap<>();

  ShellTaskType(Path defaultWorkdir) {
    this.defaultWorkdir = defaultWorkdir;
  }

  @Override
  public String name() {
    return BuiltInTaskTypes.SHELL;
  }

  @Override
  public Capabilities capabilities() {
    return WIDEST;
  }

  @Override
  public Capabilities capabilitiesFor(Map<String, Object> params) {
    return WIDEST.withRollback(params.get("rollback") != null);
  }

  @Override
  public void checkParams(Map<String, Object> params, String path) {
    ParamChecks.requiredText(params, "command", path);
    ParamChecks.optionalText(params, "rollback", path);
    ParamChecks.optionalText(params, "cancel", path);
    ParamChecks.optionalText(params, "workdir", path);
    ShellEnvironment.check(params, path);
  }

  @Override
  public void execute(TaskHandle handle) throws Exception {
    Map<String, Object> params = handle.context().params();
    long started = System.nanoTime();
    try {
      run(handle, "command", ParamChecks.requiredText(params, "command", "params"));
    } catch (InterruptedException e) {
      if (handle.isCancelled() && timedOut(handle, started)) {
        cancelAfterTimeout(handle);
      }
      throw e;
    }
  }

  /** Runs the rollback command; without one there is nothing to undo and rollback succeeds. */
  @Override
  public void rollback(TaskHandle handle) throws Exception {
    Optional<String> command = ParamChecks.optionalText(
        handle.context().params(), "rollback", "params");
    if (command.isEmpty()) {
      handle.log("no rollback command; nothing to undo");
      return;
    }
    run(handle, "rollback", command.get());
  }

  /** Kills what still runs of the command, then runs the cancel command if there is one. */
  @Override
  public void cancel(TaskHandle handle) throws Exception {
    ShellRun run = running.get(handle.subTaskId());
    if (run != null) {
      run.killTree();
    }
    Optional<String> command = ParamChecks.optionalText(
        handle.context().params(), "cancel", "params");
    if (command.isEmpty() || cancelling.putIfAbsent(handle.subTaskId(), Boolean.TRUE) != null) {
      return;
    }
    try {
      run(handle, "cancel", command.get());
    } finally {
      cancelling.remove(handle.subTaskId());
    }
  }

  private void run(TaskHandle handle, String what, String command) throws Exception {
    Path workdir = workdir(handle.context().params());
    Files.createDirectories(workdir);
    ShellRun run = ShellRun.start(what, command, workdir, ShellEnvironment.of(handle));
    handle.log(what + " started (pid " + run.pid() + "): " + shorten(command));
    running.put(handle.subTaskId(), run);
    try {
      run.await(handle);
    } finally {
      running.remove(handle.subTaskId(), run);
    }
  }

  /** Runs the cancel command after a timeout; the run is not registered for CANCEL. */
  private void runUnregistered(TaskHandle handle, String command) throws Exception {
    Path workdir = workdir(handle.context().params());
    Files.createDirectories(workdir);
    ShellRun run = ShellRun.start("cancel", command, workdir, ShellEnvironment.of(handle));
    handle.log("cancel started (pid " + run.pid() + "): " + shorten(command));
    run.await(handle);
  }

  private static boolean timedOut(TaskHandle handle, long started) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return millis >= handle.context().timeoutSeconds() * 1000 - TIMEOUT_SLACK_MILLIS;
  }

  /**
   * On a timeout: runs the cancel command on its own thread unless the hook claimed it. The
   * task's thread is interrupted, so it writes nothing more itself (a store may refuse a
   * write from an interrupted thread) and returns at once, within the engine's grace.
   */
  private void cancelAfterTimeout(TaskHandle handle) {
    Optional<String> command = ParamChecks.optionalText(
        handle.context().params(), "cancel", "params");
    if (command.isEmpty() || cancelling.putIfAbsent(handle.subTaskId(), Boolean.TRUE) != null) {
      return;
    }
    long millis = handle.context().timeoutSeconds() * 1000;
    Thread worker = new Thread(() -> {
      try {
        handle.log("timed out: running the cancel command");
        runUnregistered(handle, command.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        handle.log("cancel command after the timeout failed: " + e.getMessage());
      }
    }, "shell-cancel-" + handle.subTaskId());
    Thread bound = new Thread(() -> {
      try {
        worker.join(millis);
        worker.interrupt();
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        cancelling.remove(handle.subTaskId());
      }
    }, "shell-cancel-bound-" + handle.subTaskId());
    worker.setDaemon(true);
    bound.setDaemon(true);
    worker.start();
    bound.start();
  }

  private static String shorten(String command) {
    String oneLine = command.replaceAll("\\s+", " ");
    return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
  }

  private Path workdir(Map<String, Object> params) {
    Object value = params.get("workdir");
    return value == null ? defaultWorkdir : defaultWorkdir.resolve(value.toString());
  }
}
