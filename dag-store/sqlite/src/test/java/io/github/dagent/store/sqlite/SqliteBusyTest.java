package io.github.dagent.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Operator;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.Template;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.ListDetail;
import io.github.dagent.store.StoreConfig;
import io.github.dagent.store.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FC-15 at the store level: parallel sub-tasks writing log lines while many readers poll the
 * unfinished listing and the logs. No busy error reaches anyone, every line is stored once,
 * readers write nothing and the WAL file stays bounded.
 */
class SqliteBusyTest {
  private static final int WRITERS = 4;
  private static final int LINES = 200;
  private static final int READERS = 16;
  private static final long READ_MILLIS = 5_000;
  private static final long WAL_LIMIT = 16L * 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void fc15_four_log_writers_and_sixteen_readers_meet_no_busy_error_and_the_wal_stays_bounded()
      throws Exception {
    Path file = dir.resolve("dagent.db");
    Queue<String> readerWrites = new ConcurrentLinkedQueue<>();
    StoreConfig config = StoreConfig.of("jdbc:sqlite:" + file).withListener(sql -> {
      if (Thread.currentThread().getName().startsWith("reader-")
          && !sql.toUpperCase(Locale.ROOT).startsWith("SELECT")) {
        readerWrites.add(sql);
      }
    });
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong maxWal = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    try (DagStore store = DagStores.open(config)) {
      DagGraph parallel = store.createDag(Fixtures.newDag(parallelTemplate(), Fixtures.AGENT));
      DagGraph busy = store.createDag(Fixtures.chain("busy", 1));
      List<Thread> threads = new ArrayList<>();
      CountDownLatch writersDone = new CountDownLatch(WRITERS);
      for (int w = 0; w < WRITERS; w++) {
        long subTaskId = parallel.subTasks().get(w).id();
        int writer = w;
        threads.add(thread("writer-" + w, errors, () -> {
          for (int i = 0; i < LINES; i++) {
            store.appendLog(new TaskLog(subTaskId, 1, "w" + writer + " line " + i,
                Fixtures.CREATED));
            Thread.sleep(10);
          }
          writersDone.countDown();
        }));
      }
      threads.add(thread("transitions", errors, () -> transitions(store, busy.dag(), stop)));
      for (int r = 0; r < READERS; r++) {
        Random random = new Random(r);
        threads.add(thread("reader-" + r, errors, () -> {
          while (!stop.get()) {
            store.listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS);
            store.logs(parallel.subTasks().get(random.nextInt(WRITERS)).id());
            reads.incrementAndGet();
          }
        }));
      }
      Path wal = dir.resolve("dagent.db-wal");
      threads.add(thread("wal-monitor", errors, () -> {
        while (!stop.get()) {
          if (Files.exists(wal)) {
            maxWal.accumulateAndGet(Files.size(wal), Math::max);
          }
          Thread.sleep(20);
        }
      }));
      threads.forEach(Thread::start);
      Thread.sleep(READ_MILLIS);
      assertThat(writersDone.await(60, TimeUnit.SECONDS)).as("writers done; errors: %s", errors)
          .isTrue();
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(60_000);
      }

      assertThat(errors).isEmpty();
      assertThat(readerWrites).isEmpty();
      assertThat(reads.get()).isGreaterThan(READERS);
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        assertThat(store.logs(parallel.subTasks().get(w).id())).extracting(TaskLog::text)
            .containsExactlyElementsOf(IntStream.range(0, LINES)
                .mapToObj(i -> "w" + writer + " line " + i).toList());
      }
      System.out.printf("FC-15: %d reads, max WAL %d bytes%n", reads.get(), maxWal.get());
      assertThat(maxWal.get()).isLessThan(WAL_LIMIT);
    }
  }

  private static void transitions(DagStore store, Dag start, AtomicBoolean stop) {
    Dag dag = start;
    for (int k = 1; !stop.get(); k++) {
      Dag next = dag.with(k % 2 == 0 ? TaskState.READY : TaskState.RUNNING, Operator.RUN)
          .withTimes(dag.startTime().plusNanos(1), dag.endTime());
      assertThat(store.commit(ChangeSet.builder().dag(dag, next).build())).isTrue();
      dag = next;
    }
  }

  private static Template parallelTemplate() {
    List<SubTaskTemplate> subTasks = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      subTasks.add(SubTaskTemplate.of("part " + i, "log"));
    }
    return Template.builder("fc15").scope(Scope.CLUSTER)
        .node(NodeTemplate.parallel("write logs", subTasks)).build();
  }

  private static Thread thread(String name, Queue<Throwable> errors, Body body) {
    return new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        errors.add(e);
      }
    }, name);
  }

  /** A thread body that may throw. */
  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }
}
