package io.github.dagent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.RequestSealer;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.Node;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.server.agent.Agent;
import io.github.dagent.server.agent.AgentComponent;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.store.ChangeSet;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code api.unfinish.rps/.p99} for 10, 100 and 1,000 nine-stage dags, beside
 * {@code api.raw.rps}: a bare Undertow on 127.0.0.1 answering the same bytes from memory,
 * loaded by the same client in the same run.
 *
 * <p>The agent runs in this JVM, built exactly as {@code dagent serve} builds it (the agent
 * component, default limits and engine settings, SQLite file in a fresh data directory), with
 * an agent password, so every request carries an encrypted {@code X-OCS-Agent-Header} sealed
 * by the crypto module's client, as an OBShell SDK sends it (a fresh header per request). The
 * dags hold tenant maintenance locks and their first sub-task has a type the agent does not
 * register, stored FAILED as the agent's engine leaves such a dag: they stay unfinished
 * (FAILED, waiting for an operator) and nothing changes while the routes are measured. The
 * 1,000 dags are written once; for 100 and 10 the others are marked SUCCEED.
 */
final class ApiBench implements BenchGroup {
  private static final String PATH = "/api/v1/task/dag/unfinish";
  private static final String PASSWORD = "bench-agent-password";
  private static final int CONNECTIONS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Largest first: dags beyond the next size are finished between measurements. */
  private static final int[] SIZES = {1000, 100, 10};

  @Override
  public String name() {
    return "api";
  }

  @Override
  public List<String> figures() {
    List<String> names = new ArrayList<>();
    for (int dags : SIZES) {
      names.addAll(List.of("api.unfinish.rps." + dags, "api.unfinish.p99." + dags,
          "api.raw.rps." + dags, "api.unfinish.ratio." + dags));
    }
    return names;
  }

  @Override
  public void run(BenchRun run) throws Exception {
    Path data = run.directory("api");
    int port = freePort();
    AgentConfig config = AgentConfig.local(data).withPort(port).withPassword(PASSWORD);
    AgentAddress self = new AgentAddress("127.0.0.1", port);
    List<Dag> failed = new ArrayList<>();
    try (DagStore store = DagStores.open(config.storeUrl())) {
      ChangeSet.Builder changes = ChangeSet.builder();
      for (int i = 0; i < SIZES[0]; i++) {
        failed.add(failFirstStage(changes, Fixtures.create(store, Fixtures.sequential(
            "api " + i, 9, Fixtures.UNREGISTERED_TYPE, Maintenance.tenant("bench-tenant-" + i)),
            self)));
      }
      if (!store.commit(changes.build())) {
        throw new IllegalStateException("a fresh dag changed under the bench");
      }
    }
    AgentComponent component = AgentComponent.create(config);
    Agent agent = component.agent();
    try {
      agent.start();
      RequestSealer sealer = RequestSealer.builder(publicKey(port)).build();
      Supplier<Map<String, String>> headers = () -> {
        var sealed = sealer.seal(HeaderKind.AGENT, PASSWORD, PATH, Optional.empty());
        return Map.of(sealed.headerName(), sealed.headerValue());
      };
      for (int dags : SIZES) {
        finishAllBut(component.store(), failed, dags);
        measure(run, port, headers, dags);
      }
    } finally {
      agent.close();
      component.store().close();
    }
  }

  private static void measure(BenchRun run, int port, Supplier<Map<String, String>> headers,
      int dags) throws Exception {
    byte[] body = answer(port, headers.get(), dags);
    Duration warm = run.window(Duration.ofMillis(500), Duration.ofSeconds(2));
    Duration window = run.window(Duration.ofMillis(700), Duration.ofSeconds(5));
    int min = run.pick(2, 12);
    HttpLoad.Result api = HttpLoad.run(port, PATH, headers, CONNECTIONS, warm, window, min);
    HttpLoad.Result raw = rawServer(body, headers, warm, window, min);
    String shape = dags + " nine-stage dags, show_details default (true), " + body.length
        + " bytes per answer, " + CONNECTIONS + " keep-alive connections, "
        + Figure.format(api.seconds()) + " s measured";
    Figure rps = run.report().add("api.unfinish.rps." + dags, api.perSecond(), "req/s",
        "GET " + PATH + " with X-OCS-Agent-Header, " + shape);
    run.report().add("api.unfinish.p99." + dags, api.p99Millis(), "ms",
        api.requests() + " requests, p50 " + Figure.format(
            api.micros().getValueAtPercentile(50) / 1000.0) + " ms");
    Figure base = run.report().add("api.raw.rps." + dags, raw.perSecond(), "req/s",
        "bare Undertow, same bytes from memory, same client and headers, p99 "
            + Figure.format(raw.p99Millis()) + " ms");
    run.report().ratio("api.unfinish.ratio." + dags, rps, base,
        "agent requests per bare-Undertow request");
  }

  /**
   * Stores a new dag as the agent's engine leaves it when its first sub-task's type is not
   * registered: that sub-task, its node and the dag FAILED, with the sub-task's log line. The
   * dag holds a tenant lock, so it stays unfinished, waiting for an operator. The changes are
   * committed together for every dag.
   */
  private static Dag failFirstStage(ChangeSet.Builder changes, DagGraph graph) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Dag dag = graph.dag();
    Dag failedDag = dag.with(TaskState.FAILED, dag.operator()).withTimes(dag.startTime(), end);
    Node node = graph.nodes().get(0);
    SubTask sub = graph.subTasks().get(0);
    SubTask failedSub = sub.with(TaskState.FAILED, sub.operator())
        .withTimes(end, end).withExecuteTimes(1);
    changes.dag(dag, failedDag)
        .node(node, node.with(TaskState.FAILED, node.operator()).withTimes(end, end))
        .subTask(sub, failedSub)
        .log(new TaskLog(sub.id(), 1, "task type '" + Fixtures.UNREGISTERED_TYPE + "' is not"
            + " registered on this agent; register it and retry the dag", end));
    return failedDag;
  }

  /** Marks every failed dag beyond the first {@code keep} SUCCEED, in one transaction. */
  private static void finishAllBut(DagStore store, List<Dag> failed, int keep) {
    if (failed.size() <= keep) {
      return;
    }
    ChangeSet.Builder changes = ChangeSet.builder();
    for (Dag dag : failed.subList(keep, failed.size())) {
      changes.dag(dag, dag.with(TaskState.SUCCEED, dag.operator())).releaseLocks(dag.id());
    }
    if (!store.commit(changes.build())) {
      throw new IllegalStateException("a failed dag changed under the bench");
    }
    failed.subList(keep, failed.size()).clear();
  }

  private static String publicKey(int port) throws IOException {
    try (HttpConnection connection = new HttpConnection(port, 10_000)) {
      HttpConnection.Response response = connection.get("/api/v1/secret", Map.of(), true);
      String key = JSON.readTree(response.body()).path("data").path("public_key").asText("");
      if (response.status() != 200 || key.isEmpty()) {
        throw new IllegalStateException("GET /api/v1/secret answered " + response.status()
            + ": " + response.text());
      }
      return key;
    }
  }

  /** One answer of the route, checked to list every dag, kept for the bare server. */
  private static byte[] answer(int port, Map<String, String> headers, int dags)
      throws IOException {
    try (HttpConnection connection = new HttpConnection(port, 120_000)) {
      HttpConnection.Response response = connection.get(PATH, headers, true);
      JsonNode root = JSON.readTree(response.body());
      int listed = root.path("data").path("contents").size();
      if (response.status() != 200 || listed != dags) {
        throw new IllegalStateException(PATH + " answered " + response.status() + " with "
            + listed + " dags, expected " + dags + ": "
            + response.text().substring(0, Math.min(300, response.text().length())));
      }
      return response.body();
    }
  }

  /** The baseline: the same Undertow answering the same bytes on its IO threads. */
  private static HttpLoad.Result rawServer(byte[] body, Supplier<Map<String, String>> headers,
      Duration warm, Duration window, int min) throws Exception {
    int port = freePort();
    Undertow server = Undertow.builder()
        .addHttpListener(port, "127.0.0.1")
        .setHandler(exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          exchange.setResponseContentLength(body.length);
          exchange.getResponseSender().send(ByteBuffer.wrap(body));
        })
        .build();
    server.start();
    try {
      return HttpLoad.run(port, PATH, headers, CONNECTIONS, warm, window, min);
    } finally {
      server.stop();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    }
  }
}
