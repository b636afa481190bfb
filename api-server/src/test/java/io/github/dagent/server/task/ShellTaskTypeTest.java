package io.github.dagent.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.engine.TaskType;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTaskTypeTest {
  @TempDir
  Path dir;

  private TaskType shell() {
    return BuiltInTaskTypes.shell(dir);
  }

  @Test
  void each_output_line_is_logged_as_it_arrives_not_at_the_end() throws Exception {
    RecordingHandle handle = new RecordingHandle(
        Map.of("command", "echo first; sleep 2; echo second"));
    Thread runner = start(handle);

    waitFor(() -> handle.lines.contains("first"));

    assertThat(runner.isAlive()).isTrue();
    assertThat(handle.lines).doesNotContain("second");
    runner.join();
    assertThat(handle.lines).contains("first", "second");
  }

  @Test
  void stderr_lines_are_logged_too() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "echo oops >&2"));

    shell().execute(handle);

    assertThat(handle.lines).contains("oops");
  }

  @Test
  void only_the_task_thread_writes_to_the_handle() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "echo a; echo b >&2"));

    shell().execute(handle);

    assertThat(handle.writers).containsOnly(Thread.currentThread());
  }

  @Test
  void nonzero_exit_fails_with_the_code_in_the_message() {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "echo before; exit 3"));

    assertThatThrownBy(() -> shell().execute(handle))
        .hasMessageContaining("exited with code 3");
    assertThat(handle.lines).contains("before");
  }

  @Test
  void params_reach_the_command_as_dagent_variables() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of(
        "command", "echo \"$DAGENT_MY_PORT $DAGENT_NAME $DAGENT_DAG_ID $DAGENT_LIST\"",
        "my-port", 2886, "name", "x y", "list", java.util.List.of(1, 2)));

    shell().execute(handle);

    assertThat(handle.lines).contains("2886 x y 17 [1,2]");
  }

  @Test
  void command_runs_in_its_workdir_created_when_missing() throws Exception {
    RecordingHandle handle = new RecordingHandle(
        Map.of("command", "pwd; echo hi > out.txt", "workdir", "sub/dir"));

    shell().execute(handle);

    Path workdir = dir.resolve("sub/dir");
    assertThat(workdir.resolve("out.txt")).hasContent("hi");
    assertThat(handle.lines).contains(workdir.toRealPath().toString());
  }

  @Test
  void interrupt_kills_the_whole_process_tree() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    RecordingHandle handle = new RecordingHandle(Map.of("command",
        "sleep 60 & echo $! > child.pid; wait"));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = start(handle, failure);
    waitFor(() -> Files.exists(pidFile) && !read(pidFile).isBlank());
    long child = Long.parseLong(read(pidFile).trim());

    runner.interrupt();
    runner.join(5000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    waitFor(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    assertThat(handle.lines).anyMatch(line -> line.startsWith("interrupted: killed"));
  }

  @Test
  void cancel_kills_the_running_command_and_runs_the_cancel_command() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of(
        "command", "echo started; sleep 60", "cancel", "echo cancelled > cancel.txt"));
    TaskType shell = shell();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = new Thread(() -> run(() -> shell.execute(handle), failure));
    runner.start();
    waitFor(() -> handle.lines.contains("started"));

    shell.cancel(handle);
    runner.join(5000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(failure.get()).hasMessageContaining("exited with code");
    assertThat(dir.resolve("cancel.txt")).hasContent("cancelled");
  }

  @Test
  void a_timeout_kills_the_command_and_runs_the_cancel_command() throws Exception {
    RecordingHandle handle = timedOutRun("echo cancelled > cancel.txt");
    TaskType shell = shell();
    AtomicReference<Throwable> failure = new AtomicReference<>();

    Thread runner = interruptAsTimeout(shell, handle, failure);

    assertThat(runner.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    waitFor(() -> Files.exists(dir.resolve("cancel.txt")));
    assertThat(dir.resolve("cancel.txt")).hasContent("cancelled");
  }

  @Test
  void a_cancel_hook_after_a_timeout_does_not_run_the_cancel_command_twice()
      throws Exception {
    RecordingHandle handle = timedOutRun("echo cancelled >> cancel.txt; sleep 1");
    TaskType shell = shell();

    interruptAsTimeout(shell, handle, new AtomicReference<>());
    shell.cancel(handle);

    waitFor(() -> Files.exists(dir.resolve("cancel.txt")));
    assertThat(Files.readAllLines(dir.resolve("cancel.txt"))).containsExactly("cancelled");
  }

  private static RecordingHandle timedOutRun(String cancel) {
    return new RecordingHandle(Map.of("timeout", 1, "command", "echo started; sleep 60",
        "cancel", cancel));
  }

  /** What the engine does on a timeout: marks the run cancelled and interrupts its thread. */
  private static Thread interruptAsTimeout(TaskType shell, RecordingHandle handle,
      AtomicReference<Throwable> failure) throws InterruptedException {
    Thread runner = new Thread(() -> run(() -> shell.execute(handle), failure));
    runner.start();
    waitFor(() -> handle.lines.contains("started"));
    handle.cancelled = true;
    runner.interrupt();
    runner.join(5000);
    return runner;
  }

  @Test
  void a_param_holding_nul_is_refused_at_submit_naming_the_field() {
    PlannedTaskType shell = BuiltInTaskTypes.shell(dir);

    assertThatThrownBy(() -> shell.checkParams(
        Map.of("command", "true", "name", "a\u0000b"), "nodes[0].params"))
        .isInstanceOf(DagentException.class)
        .hasMessageContaining("nodes[0].params.name")
        .hasMessageContaining("NUL")
        .extracting(e -> ((DagentException) e).code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID);
  }

  @Test
  void two_params_that_become_the_same_variable_are_refused_at_submit() {
    PlannedTaskType shell = BuiltInTaskTypes.shell(dir);
    Map<String, Object> params = new java.util.LinkedHashMap<>();
    params.put("command", "true");
    params.put("a-b", 1);
    params.put("a_b", 2);

    assertThatThrownBy(() -> shell.checkParams(params, "nodes[0].params"))
        .isInstanceOf(DagentException.class)
        .hasMessageContaining("nodes[0].params.a_b")
        .hasMessageContaining("nodes[0].params.a-b")
        .hasMessageContaining("DAGENT_A_B");
  }

  @Test
  void rollback_runs_the_rollback_command() throws Exception {
    Files.writeString(dir.resolve("made.txt"), "x");
    RecordingHandle handle = new RecordingHandle(
        Map.of("command", "true", "rollback", "rm made.txt && echo removed"));

    shell().rollback(handle);

    assertThat(dir.resolve("made.txt")).doesNotExist();
    assertThat(handle.lines).contains("removed");
  }

  @Test
  void rollback_without_a_command_has_nothing_to_undo() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "true"));

    shell().rollback(handle);

    assertThat(handle.lines).containsExactly("no rollback command; nothing to undo");
  }

  @Test
  void rollback_is_allowed_by_default_only_with_a_rollback_command_and_continue_never() {
    PlannedTaskType shell = BuiltInTaskTypes.shell(dir);

    assertThat(shell.capabilitiesFor(Map.of("command", "true")).canRollback()).isFalse();
    assertThat(shell.capabilitiesFor(Map.of("command", "true", "rollback", "true"))
        .canRollback()).isTrue();
    assertThat(shell.capabilities().canContinue()).isFalse();
    assertThat(shell.capabilities().canRetry()).isTrue();
    assertThat(shell.capabilities().canPass()).isTrue();
  }

  @Test
  void a_background_child_holding_the_output_does_not_hang_the_run() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "sleep 30 & echo bye"));
    Instant start = Instant.now();

    shell().execute(handle);

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
    assertThat(handle.lines).contains("bye");
  }

  private Thread start(RecordingHandle handle) {
    return start(handle, new AtomicReference<>());
  }

  private Thread start(RecordingHandle handle, AtomicReference<Throwable> failure) {
    TaskType shell = shell();
    Thread thread = new Thread(() -> run(() -> shell.execute(handle), failure));
    thread.start();
    return thread;
  }

  private static void run(Work work, AtomicReference<Throwable> failure) {
    try {
      work.run();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private interface Work {
    void run() throws Exception;
  }
}
