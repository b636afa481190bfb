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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of one shell command and its process tree.
 *
 * <p>Design note: two reader threads turn stdout and stderr into lines and queue them; the
 * task's own thread takes them off the queue and logs each as it arrives, so the engine's
 * handle is only ever called from the task's thread. The queue holds at most
 * {@link #QUEUE_LINES} lines: when it is full the readers block, the pipe fills and the
 * command itself blocks on its next write until logging catches up (back-pressure), so a
 * chatty command costs bounded memory and runs at the speed of the log store.
 *
 * <p>The run ends when both streams reach their end. Every line read is logged, in order per
 * stream, however long storing takes. A command that leaves a background child holding its
 * output open would keep the streams open forever, so once the shell itself has exited and
 * no line has arrived for {@link #DRAIN_MILLIS}, the run stops waiting; it stops too after
 * {@link #MAX_LINES_AFTER_EXIT} lines read after the exit (more than the pipes and buffers
 * could hold when the shell exited, so something else is still writing). Only then is the
 * "background process" line logged.
 *
 * <p>Lines end at {@code \n} or {@code \r\n}. A bare {@code \r} returns to the start of the
 * line as a terminal does: only the text after the last bare {@code \r} of a line is kept, so
 * a progress bar logs its final state once. Lines are cut at {@link #MAX_LINE} characters.
 * Interrupting the task's thread (CANCEL, timeout, agent stop) kills the whole process tree.
 */
final class ShellRun {
  static final long DRAIN_MILLIS = 500;
  static final int QUEUE_LINES = 1024;
  static final int MAX_LINES_AFTER_EXIT = 200_000;
  static final int MAX_LINE = 4000;
  private static final String END = new String("end of stream");

  private final Process process;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
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

  /** The queue's bound, for tests. */
  int queueCapacity() {
    return lines.remainingCapacity() + lines.size();
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
      lines.clear();
    }
  }

  /** Kills the shell and every process under it, forcibly; safe to call from any thread. */
  void killTree() {
    ProcessTree.kill(process.toHandle());
  }

  private void drain(TaskHandle handle) throws InterruptedException {
    int ended = 0;
    long idleSince = 0;
    boolean exited = false;
    int afterExit = 0;
    while (ended < 2) {
      String line = lines.poll(50, TimeUnit.MILLISECONDS);
      boolean justExited = !exited && !process.isAlive();
      exited |= justExited;
      if (line == END) {
        ended++;
      } else if (line != null) {
        handle.log(line);
        afterExit += exited ? 1 : 0;
      }
      if (line != null || justExited) {
        idleSince = System.nanoTime();
      }
      if (exited && (afterExit > MAX_LINES_AFTER_EXIT
          || System.nanoTime() - idleSince > DRAIN_MILLIS * 1_000_000)) {
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
      LineSplitter splitter = new LineSplitter(MAX_LINE);
      int c;
      while ((c = reader.read()) >= 0 && !finished) {
        String line = splitter.accept((char) c);
        if (line != null && !put(line)) {
          return;
        }
      }
      String last = splitter.finish();
      if (last != null && !finished) {
        put(last);
      }
    } catch (IOException e) {
      // The stream closes under the reader when the process tree is killed: the end.
      put("output stream closed: " + e.getMessage());
    } finally {
      put(END);
    }
  }

  /** Queues a line, waiting while the queue is full; false once the run is over. */
  private boolean put(String line) {
    try {
      while (!finished) {
        if (lines.offer(line, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
