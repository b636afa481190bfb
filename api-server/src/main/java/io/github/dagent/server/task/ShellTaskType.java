package io.github.dagent.server.task;

import io.github.dagent.engine.TaskHandle;
import io.github.dagent.model.Capabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Runs {@code /bin/sh -c <command>}. Params: {@code command} (required), {@code rollback} and
 * {@code cancel} (optional commands), {@code workdir} (created when missing; relative paths
 * resolve against the agent's default), {@code timeout} (enforced by the engine, which
 * interrupts the run; the interrupt kills the command's process tree).
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

  private final Path defaultWorkdir;
  private final ConcurrentMap<Long, ShellRun> running = new ConcurrentHashMap<>();

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
  }

  @Override
  public void execute(TaskHandle handle) throws Exception {
    Map<String, Object> params = handle.context().params();
    run(handle, "command", ParamChecks.requiredText(params, "command", "params"));
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
    if (command.isPresent()) {
      run(handle, "cancel", command.get());
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

  private static String shorten(String command) {
    String oneLine = command.replaceAll("\\s+", " ");
    return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
  }

  private Path workdir(Map<String, Object> params) {
    Object value = params.get("workdir");
    return value == null ? defaultWorkdir : defaultWorkdir.resolve(value.toString());
  }
}
