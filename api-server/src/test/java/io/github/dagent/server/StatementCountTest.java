package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.GenericId;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.server.http.RequestScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The unfinished listings run a fixed number of statements whatever the number of dags (the
 * whole listing of /unfinish included: cluster and agent dags in one snapshot), and
 * GET routes never write. Statements are attributed to requests by the trace id the request
 * scope puts in the MDC of the thread that runs them.
 */
class StatementCountTest {
  final Map<String, List<String>> byTrace = new ConcurrentHashMap<>();

  @TempDir
  Path dir;

  @Test
  void unfinish_listings_run_constant_statements_and_gets_write_nothing() {
    AgentConfig config = AgentConfig.local(dir).withStatementListener(sql -> {
      String trace = MDC.get(RequestScope.MDC_TRACE);
      if (trace != null) {
        byTrace.computeIfAbsent(trace, key -> new ArrayList<>()).add(sql);
      }
    });
    try (TestAgent agent = TestAgent.start(config)) {
      for (int i = 0; i < 3; i++) {
        Seeds.running(agent.store(), agent.self());
      }
      List<Integer> few = counts(agent);
      for (int i = 0; i < 27; i++) {
        Seeds.running(agent.store(), agent.self());
      }
      List<Integer> many = counts(agent);

      assertThat(few).as("with details: dags, nodes, sub-tasks, logs; without: dags")
          .containsExactly(4, 4, 4, 1);
      assertThat(many).isEqualTo(few);
      String node = GenericId.agent(agent.self(), 2).toString();
      statements(agent, "/api/v1/task/node/" + node);
      statements(agent, "/api/v1/task/dags/agent");
      statements(agent, "/api/v1/task/sub_task/" + node + "/logs");
      assertThat(byTrace.values()).allSatisfy(list -> assertThat(list).noneMatch(sql -> {
        String verb = sql.strip().toUpperCase(Locale.ROOT);
        return verb.startsWith("INSERT") || verb.startsWith("UPDATE")
            || verb.startsWith("DELETE") || verb.startsWith("REPLACE");
      }));
    }
  }

  List<Integer> counts(TestAgent agent) {
    List<Integer> counts = new ArrayList<>();
    for (String path : List.of("/api/v1/task/dag/unfinish", "/api/v1/task/dag/agent/unfinish",
        "/api/v1/task/dag/ob/unfinish", "/api/v1/task/dag/unfinish?show_details=false")) {
      counts.add(statements(agent, path).size());
    }
    return counts;
  }

  List<String> statements(TestAgent agent, String path) {
    TestAgent.Reply reply = agent.get(path);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return byTrace.getOrDefault(reply.body().get("traceId").asText(), List.of());
  }
}
