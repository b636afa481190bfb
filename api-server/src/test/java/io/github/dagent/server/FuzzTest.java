package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.GenericId;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.ListDetail;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 random requests under /api/v1/task (paths, ids, query values, bodies, headers) get
 * only 2xx and 4xx answers in the envelope, never a 5xx, and leave the store as it was. Valid
 * operator names are never sent, so no request may legitimately change a dag.
 */
class FuzzTest {
  static final int REQUESTS = 10_000;
  static final int THREADS = 4;
  static final Set<String> OPERATORS = Set.of("RETRY", "ROLLBACK", "CANCEL", "PASS");
  static final List<String> WORDS = List.of("dag", "node", "sub_task", "dags", "agent",
      "unfinish", "ob", "maintain", "logs", "task", "", "..", "%2F", "%00", "%E2%82%AC",
      "api", "v1", "DAG", "sub-task");

  @TempDir
  Path dir;

  @Test
  void random_requests_get_only_2xx_4xx_and_change_nothing() throws Exception {
    try (TestAgent agent = TestAgent.start(dir)) {
      List<String> ids = seed(agent);
      Object before = snapshot(agent);
      long seed = new Random().nextLong();
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      int[] statusCounts = new int[6];

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(seed + t);
        runs.add(pool.submit(() -> {
          for (int i = 0; i < REQUESTS / THREADS; i++) {
            fire(agent, random, ids, failures, statusCounts);
          }
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      pool.shutdown();

      assertThat(failures).as("seed " + seed).isEmpty();
      assertThat(statusCounts[2] + statusCounts[4]).isEqualTo(REQUESTS);
      assertThat(snapshot(agent)).as("seed " + seed).isEqualTo(before);
    }
  }

  static void fire(TestAgent agent, Random random, List<String> ids, List<String> failures,
      int[] counts) {
    String path = path(random, ids) + query(random);
    String method = pick(random, List.of("GET", "GET", "GET", "POST", "POST", "PUT",
        "DELETE"));
    byte[] body = method.equals("GET") && random.nextBoolean() ? new byte[0] : body(random);
    Map<String, String> headers = headers(random);
    try {
      TestAgent.Reply reply = agent.send(HttpRequest.newBuilder(agent.uri(path))
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), headers);
      synchronized (counts) {
        counts[reply.status() / 100]++;
      }
      boolean envelope = reply.body().has("successful") && reply.body().has("traceId");
      if (reply.status() >= 500 || !envelope) {
        failures.add(method + " " + path + " " + headers + " -> " + reply);
      }
    } catch (AssertionError | IllegalArgumentException e) {
      failures.add(method + " " + path + " -> " + e);
    }
  }

  static String path(Random random, List<String> ids) {
    StringBuilder path = new StringBuilder("/api/v1/task");
    int segments = random.nextInt(4) + 1;
    for (int i = 0; i < segments; i++) {
      path.append('/').append(random.nextInt(3) == 0 ? id(random, ids) : pick(random, WORDS));
    }
    return path.toString();
  }

  static String id(Random random, List<String> ids) {
    switch (random.nextInt(7)) {
      case 0:
        return pick(random, ids);
      case 1:
        return digits(random, random.nextInt(60));
      case 2:
        return (1 + random.nextInt(9)) + digits(random, 15 + random.nextInt(40));
      case 3:
        return pick(random, List.of("-5", "x1", "1", "6123", "0", "+1", "1e3", "0x1F"));
      case 4:
        return GenericId.agent(new AgentAddress("10.0." + random.nextInt(256) + "."
            + random.nextInt(256), 1 + random.nextInt(65535)), random.nextInt(100)).toString();
      case 5:
        return URLEncoder.encode(randomText(random, 12), StandardCharsets.UTF_8);
      default:
        return pick(random, ids) + digits(random, 1 + random.nextInt(3));
    }
  }

  static String query(Random random) {
    if (random.nextInt(3) == 0) {
      return "";
    }
    String name = pick(random, List.of("show_details", "show_detail", "x", "show_details[]"));
    String value = pick(random, List.of("true", "false", "1", "0", "TRUE", "yes", "",
        URLEncoder.encode(randomText(random, 8), StandardCharsets.UTF_8)));
    return "?" + name + "=" + value + (random.nextBoolean() ? "&show_detail=" + value : "");
  }

  static byte[] body(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
      case 1:
        return ("{\"operator\": \"" + notAnOperator(random) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
      case 2:
        return pick(random, List.of("", "{}", "[]", "null", "{\"operator\":", "{\"operator\":1}",
            "{\"operator\":null}", "{\"operator\":[]}", "{\"operator\":{}}", "\"retry\""))
            .getBytes(StandardCharsets.UTF_8);
      case 3:
        return Base64.getEncoder().encode(randomText(random, 40).getBytes(
            StandardCharsets.UTF_8));
      case 4:
        return ("{\"operator\":\"" + notAnOperator(random) + "\",\"extra\":"
            + random.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
      default:
        return new byte[0];
    }
  }

  static String notAnOperator(Random random) {
    String name;
    do {
      name = pick(random, List.of("retryx", "RUN", "run", "", " ", "r", "passs", "cancel!",
          randomText(random, 6)));
    } while (OPERATORS.contains(name.trim().toUpperCase(Locale.ROOT)));
    return name;
  }

  static Map<String, String> headers(Random random) {
    Map<String, String> headers = new HashMap<>();
    if (random.nextInt(4) == 0) {
      headers.put(pick(random, List.of("X-OCS-Header", "X-OCS-Agent-Header")),
          random.nextBoolean() ? Base64.getEncoder().encodeToString(randomBytes(random, 256))
              : randomAscii(random, 30));
    }
    if (random.nextBoolean()) {
      headers.put("Content-Type", pick(random, List.of("application/json", "text/plain",
          "application/x-www-form-urlencoded", "APPLICATION/JSON; charset=utf-8", "x")));
    }
    return headers;
  }

  static List<String> seed(TestAgent agent) {
    List<DagGraph> graphs = List.of(Seeds.failed(agent.store(), agent.self(), "a"),
        Seeds.succeeded(agent.store(), agent.self()), Seeds.running(agent.store(), agent.self()));
    List<String> ids = new ArrayList<>();
    for (DagGraph graph : graphs) {
      ids.add(graph.dag().genericId().toString());
      graph.nodes().forEach(node -> ids.add(GenericId.of(graph.dag().scope(),
          graph.dag().agent(), node.id()).toString()));
      graph.subTasks().forEach(sub -> ids.add(GenericId.of(graph.dag().scope(),
          graph.dag().agent(), sub.id()).toString()));
    }
    return ids;
  }

  static Object snapshot(TestAgent agent) {
    return List.of(agent.store().listDags(DagFilter.ALL),
        agent.store().listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS));
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static String digits(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    return text.toString();
  }

  static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x2000)
          : 0x20 + random.nextInt(0x5f));
    }
    return text.toString();
  }

  static String randomAscii(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) (0x21 + random.nextInt(0x5e)));
    }
    return text.toString();
  }

  static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
