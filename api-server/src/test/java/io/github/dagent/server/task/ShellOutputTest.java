package io.github.dagent.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.engine.TaskType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of a command's output reaches the log, and what it costs in memory. */
class ShellOutputTest {
  private static final String BACKGROUND = "command exited but a background process";

  @TempDir
  Path dir;

  private TaskType shell() {
    return BuiltInTaskTypes.shell(dir);
  }

  @Test
  void every_line_written_before_eof_is_logged_in_order_however_slow_logging_is()
      throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "seq 1 1000"));
    handle.logMillis = 2;

    shell().execute(handle);

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      expected.add(Integer.toString(i));
    }
    assertThat(handle.lines.subList(1, handle.lines.size())).containsExactlyElementsOf(expected);
    assertThat(handle.lines).noneMatch(line -> line.startsWith(BACKGROUND));
  }

  @Test
  void a_background_process_holding_the_output_ends_the_run_after_the_lines_it_read()
      throws Exception {
    // Whether the pipe stays open depends on a race in the JDK, which closes a process's
    // pipes when it exits unless a reader is blocked in read() at that moment.
    RecordingHandle handle = new RecordingHandle(
        Map.of("command", "sleep 30 & seq 1 300; echo bye"));
    handle.logMillis = 3;

    shell().execute(handle);

    List<String> lines = handle.lines.stream()
        .filter(line -> !line.startsWith(BACKGROUND)).toList();
    assertThat(lines).hasSize(302).endsWith("bye");
    assertThat(handle.lines.get(handle.lines.size() - 1)).isIn("bye",
        BACKGROUND + " still holds its output; later lines are not logged");
  }

  @Test
  void the_line_queue_is_bounded() throws Exception {
    ShellRun run = ShellRun.start("command", "true", dir, Map.of());
    run.await(new RecordingHandle(Map.of("command", "true")));

    assertThat(run.queueCapacity()).isEqualTo(ShellRun.QUEUE_LINES);
  }

  @Test
  void a_chatty_command_blocks_while_logging_lags_instead_of_filling_memory()
      throws Exception {
    // 200,000 lines are 1.3 MB: more than the pipe, the readers' buffers and the queue hold.
    RecordingHandle handle = new RecordingHandle(
        Map.of("command", "seq 1 200000; echo done > done.txt"));
    AtomicLong next = new AtomicLong(1);
    AtomicLong wrong = new AtomicLong();
    handle.sink = line -> {
      if (!line.contains("started") && !line.equals(Long.toString(next.getAndIncrement()))) {
        wrong.incrementAndGet();
      }
    };
    CountDownLatch gate = new CountDownLatch(1);
    handle.gate = gate;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    TaskType shell = shell();
    Thread runner = new Thread(() -> {
      try {
        shell.execute(handle);
      } catch (Exception e) {
        failure.set(e);
      }
    });
    runner.start();
    Thread.sleep(1500);

    assertThat(dir.resolve("done.txt")).as("the command waits for logging").doesNotExist();
    gate.countDown();
    runner.join(60_000);
    assertThat(failure.get()).isNull();
    assertThat(next.get() - 1).isEqualTo(200_000);
    assertThat(wrong.get()).isZero();
    assertThat(Files.exists(dir.resolve("done.txt"))).isTrue();
  }

  @Test
  void an_endless_writer_runs_to_its_timeout_at_the_speed_of_logging() throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command", "timeout 3 yes"));
    AtomicLong count = new AtomicLong();
    handle.sink = line -> count.incrementAndGet();
    handle.logMillis = 1;
    Thread speedUp = new Thread(() -> {
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // Then the lines left in the pipe and the queue are stored fast.
      handle.logMillis = 0;
    });
    resetPeakHeap();
    speedUp.start();

    assertThatThrownBy(() -> shell().execute(handle)).hasMessageContaining("code 124");

    assertThat(count.get()).isPositive();
    assertThat(peakHeap()).as("peak heap during the run").isLessThan(256L << 20);
  }

  @Test
  void carriage_return_line_feed_ends_one_line_and_a_bare_return_keeps_the_last_text()
      throws Exception {
    RecordingHandle handle = new RecordingHandle(Map.of("command",
        "printf 'a\\r\\nb\\rc\\r\\n10%%\\r50%%\\r100%%\\nend\\r'"));

    shell().execute(handle);

    assertThat(handle.lines.subList(1, handle.lines.size()))
        .containsExactly("a", "c", "100%", "end");
  }

  private static void resetPeakHeap() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
  }
}
