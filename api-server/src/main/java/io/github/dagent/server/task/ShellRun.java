package io.github.dagent.server.task;

import io.github.dagent.engine.TaskHandle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of one shell command and its process tree.
 *
 * <p>Design note: two reader threads turn stdout and stderr into lines and queue them; the
 * task's own thread takes them off the queue and logs each as it arrives, so the engine's
 * handle is only ever called from the task's thread. The run ends when both streams reach
 * their end. A command that leaves a background child holding its output open would keep the
 * streams open forever, so once the shell itself has exited the run waits at most
 * {@link #DRAIN_MILLIS} more for output; lines after that are dropped. Interrupting the
 * task's thread (CANCEL, timeout, agent stop) kills the whole process tree.
 */
final class ShellRun {
  static final long DRAIN_MILLIS = 500;
  private static final int MAX_LINE = 4000;
  private static final String END = new String("end of stream");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private volatile boolean finished;

  private ShellRun(Process process) {
    this.process = process;
  }

  static ShellRun start(String what, String command, Path workdir, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command))
        .directory(workdir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("DAGENT_"));
    builder.environment().putAll(env);
    ShellRun run = new ShellRun(builder.start());
    run.read(run.process.getInputStream(), what + "-stdout");
    run.read(run.process.getErrorStream(), what + "-stderr");
    return run;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Logs the command's lines until it ends.
   *
   * @throws CommandFailedException when it exits with a code other than 0
   * @throws InterruptedException when interrupted; the process tree is killed first
   */
  void await(TaskHandle handle) throws CommandFailedException, InterruptedException {
    try {
      drain(handle);
      int code = process.waitFor();
      if (code != 0) {
        throw new CommandFailedException("command exited with code " + code);
      }
    } catch (InterruptedException e) {
      killTree();
      logInterrupted(handle);
      throw e;
    } finally {
      finished = true;
    }
  }

  /** Kills the shell and every process under it, forcibly; safe to call from any thread. */
  void killTree() {
    ProcessTree.kill(process.toHandle());
  }

  private void drain(TaskHandle handle) throws InterruptedException {
    int ended = 0;
    long exitedAt = 0;
    while (ended < 2) {
      String line = lines.poll(50, TimeUnit.MILLISECONDS);
      if (line == END) {
        ended++;
      } else if (line != null) {
        handle.log(line);
      }
      if (exitedAt == 0 && !process.isAlive()) {
        exitedAt = System.nanoTime();
      }
      if (exitedAt != 0 && System.nanoTime() - exitedAt > DRAIN_MILLIS * 1_000_000) {
        handle.log("command exited but a background process still holds its output; "
            + "later lines are not logged");
        return;
      }
    }
  }

  private void logInterrupted(TaskHandle handle) {
    boolean interrupted = Thread.interrupted();
    try {
      handle.log("interrupted: killed the process tree of pid " + process.pid());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void read(InputStream stream, String name) {
    Thread thread = new Thread(() -> pump(stream), "shell-" + process.pid() + "-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void pump(InputStream stream) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && !finished) {
        lines.add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " [cut]" : line);
      }
    } catch (IOException e) {
      // The stream closes under the reader when the process tree is killed: the end.
      lines.add("output stream closed: " + e.getMessage());
    } finally {
      lines.add(END);
    }
  }
}
