package io.github.dagent.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: a few keep-alive connections, each sending the next GET as soon as the
 * previous answer is read. Every connection first warms up (for the warm-up time and at least
 * one answer); then all measure together for the window and until at least
 * {@code minRequests} answers are in, so that slow answers still give a figure.
 */
final class HttpLoad {
  private HttpLoad() {}

  /**
   * What the measured phase did.
   *
   * @param requests answers completed in it
   * @param seconds from its start to the last answer
   * @param micros latency of each answer, in microseconds
   */
  record Result(long requests, double seconds, Histogram micros) {
    double perSecond() {
      return requests / seconds;
    }

    double p99Millis() {
      return micros.getValueAtPercentile(99) / 1000.0;
    }
  }

  /**
   * Runs the load; every answer must be 200.
   *
   * @param port the server on 127.0.0.1
   * @param path the request target
   * @param headers made fresh for every request, outside the timed part (the client's
   *     sealing of the encrypted header)
   * @param connections how many connections send at once
   * @param warmUp the warm-up per connection
   * @param window the shortest measured phase
   * @param minRequests the fewest answers the measured phase collects
   * @return what the measured phase did
   * @throws Exception when a request fails
   */
  static Result run(int port, String path, Supplier<Map<String, String>> headers,
      int connections, Duration warmUp, Duration window, int minRequests) throws Exception {
    AtomicLong measureStart = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    CyclicBarrier ready = new CyclicBarrier(connections,
        () -> measureStart.set(System.nanoTime()));
    ExecutorService threads = Executors.newFixedThreadPool(connections);
    try {
      List<Future<long[]>> outcomes = new ArrayList<>();
      List<Histogram> histograms = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        Histogram histogram = new Histogram(3);
        histograms.add(histogram);
        outcomes.add(threads.submit(() -> {
          try (HttpConnection connection = new HttpConnection(port, 120_000)) {
            long warmEnd = System.nanoTime() + warmUp.toNanos();
            do {
              send(connection, path, headers.get());
            } while (System.nanoTime() < warmEnd);
            ready.await();
            long end = measureStart.get() + window.toNanos();
            long count = 0;
            long last = measureStart.get();
            while (System.nanoTime() < end || completed.get() < minRequests) {
              Map<String, String> sent = headers.get();
              long sendAt = System.nanoTime();
              send(connection, path, sent);
              last = System.nanoTime();
              histogram.recordValue(Math.max(1, (last - sendAt) / 1000));
              completed.incrementAndGet();
              count++;
            }
            return new long[] {count, last};
          }
        }));
      }
      long total = 0;
      long last = 0;
      for (Future<long[]> outcome : outcomes) {
        long[] result = outcome.get();
        total += result[0];
        last = Math.max(last, result[1]);
      }
      Histogram merged = new Histogram(3);
      histograms.forEach(merged::add);
      return new Result(total, (last - measureStart.get()) / 1e9, merged);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void send(HttpConnection connection, String path, Map<String, String> headers)
      throws Exception {
    HttpConnection.Response response = connection.get(path, headers, false);
    if (response.status() != 200) {
      throw new IllegalStateException(path + " answered " + response.status());
    }
  }
}
