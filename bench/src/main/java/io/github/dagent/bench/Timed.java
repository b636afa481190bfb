package io.github.dagent.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/** Runs an operation in a loop for a warm-up and then for a measured window. */
final class Timed {
  private Timed() {}

  /** One operation to repeat. */
  @FunctionalInterface
  interface Op {
    /**
     * @param i the iteration number, from 0
     * @throws Exception any failure ends the measurement
     */
    void run(long i) throws Exception;
  }

  /**
   * The result of a measured loop.
   *
   * @param count operations in the measured window
   * @param nanos time spent inside them
   * @param latencies per operation, in nanoseconds
   */
  record Result(long count, long nanos, Histogram latencies) {
    /** The results of several windows as one. */
    static Result merge(java.util.List<Result> parts) {
      Histogram all = new Histogram(3);
      long count = 0;
      long nanos = 0;
      for (Result part : parts) {
        all.add(part.latencies());
        count += part.count();
        nanos += part.nanos();
      }
      return new Result(count, nanos, all);
    }

    /** Operations per second of time spent inside them. */
    double perSecond() {
      return count * 1e9 / nanos;
    }
  }

  /**
   * Runs the operation for {@code warmUp}, then for {@code measure}; only time spent inside the
   * operation counts, so set-up done between calls (by the operation's supplier) is excluded.
   *
   * @return what the measured window did
   * @throws Exception the operation's failure
   */
  static Result loop(Duration warmUp, Duration measure, Op op) throws Exception {
    return loopPrepared(warmUp, measure, i -> { }, op);
  }

  /**
   * As {@link #loop}, with an untimed preparation before each operation.
   *
   * @return what the measured window did
   * @throws Exception the preparation's or the operation's failure
   */
  static Result loopPrepared(Duration warmUp, Duration measure, Op prepare, Op op)
      throws Exception {
    long i = 0;
    long warmEnd = System.nanoTime() + warmUp.toNanos();
    while (System.nanoTime() < warmEnd) {
      prepare.run(i);
      op.run(i++);
    }
    Histogram histogram = new Histogram(3);
    long spent = 0;
    long count = 0;
    long limit = measure.toNanos();
    while (spent < limit) {
      prepare.run(i);
      long start = System.nanoTime();
      op.run(i++);
      long took = System.nanoTime() - start;
      spent += took;
      count++;
      histogram.recordValue(Math.max(1, took));
    }
    return new Result(count, spent, histogram);
  }
}
