package io.github.dagent.server;

import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Scope;
import io.github.dagent.model.TaskState;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: a main that measures GET /api/v1/task/dag/unfinish with 10, 100 and 1,000
 * nine-stage dags (the seed sample's shape), next to a bare Undertow serving the same response
 * as fixed bytes, in the same run. Prints requests per second and p50/p99 latency.
 *
 * <p>Run: {@code mvn -q -pl api-server -am test-compile} then
 * {@code java -cp <test class path> io.github.dagent.server.UnfinishBenchmark [seconds] [clients]}.
 */
public final class UnfinishBenchmark {
  private UnfinishBenchmark() {}

  /** @param args seconds per measurement (default 5), concurrent clients (default 8) */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path dir = Files.createTempDirectory("dagent-bench");
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      names.add("stage " + i);
    }
    try (TestAgent agent = TestAgent.start(dir)) {
      int seeded = 0;
      for (int count : new int[] {10, 100, 1000}) {
        for (; seeded < count; seeded++) {
          Seeds.seed(agent.store(), agent.self(), "bench " + seeded, names, Scope.CLUSTER,
              Maintenance.NONE, TaskState.RUNNING, 4, Map.of(2, List.of("line a"),
                  3, List.of("line b"), 4, List.of("line c")));
        }
        URI uri = agent.uri("/api/v1/task/dag/unfinish");
        byte[] body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofByteArray()).body();
        report(count + " dags, agent", measure(uri, seconds, clients), body.length);
        Undertow fixed = fixed(body);
        try {
          int port = ((InetSocketAddress) fixed.getListenerInfo().get(0).getAddress())
              .getPort();
          report(count + " dags, fixed bytes", measure(URI.create("http://127.0.0.1:" + port
              + "/"), seconds, clients), body.length);
        } finally {
          fixed.stop();
        }
      }
    }
  }

  static Undertow fixed(byte[] body) {
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }).build();
    server.start();
    return server;
  }

  static long[] measure(URI uri, int seconds, int clients) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    for (int i = 0; i < 200; i++) {
      client.send(request, HttpResponse.BodyHandlers.discarding());
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Long>>> runs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      runs.add(pool.submit(() -> {
        List<Long> latencies = new ArrayList<>();
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          client.send(request, HttpResponse.BodyHandlers.discarding());
          latencies.add(System.nanoTime() - start);
        }
        return latencies;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> run : runs) {
      all.addAll(run.get());
    }
    pool.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new long[] {sorted.length / seconds, sorted[sorted.length / 2],
        sorted[(int) (sorted.length * 0.99)]};
  }

  static void report(String what, long[] figures, int bytes) {
    System.out.printf("%-24s %7d req/s  p50 %8.2f ms  p99 %8.2f ms  (%d bytes)%n", what,
        figures[0], figures[1] / 1e6, figures[2] / 1e6, bytes);
  }
}
