package io.github.dagent.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.RequestSealer;
import io.github.dagent.crypto.SealedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A client as an OBShell SDK is one: fetches the public key from {@code /api/v1/secret}, then
 * sends every task request with an encrypted {@code X-OCS-Agent-Header} and encrypted body.
 * Answers are whole envelopes, so tests can check their shape.
 */
final class AgentHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private RequestSealer sealer;

  AgentHttp(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** Status and envelope of one answer. */
  record Answer(int status, JsonNode envelope) {
    JsonNode data() {
      return envelope.path("data");
    }

    String errCode() {
      return envelope.path("error").path("errCode").asText();
    }

    String message() {
      return envelope.path("error").path("message").asText();
    }
  }

  Answer get(String pathAndQuery) throws Exception {
    return send(pathAndQuery, null);
  }

  Answer post(String path, String body) throws Exception {
    return send(path, body);
  }

  /**
   * Seals a POST as {@link #post} would, for a test that writes the request itself.
   *
   * @return the header to send and the encrypted body
   */
  SealedRequest seal(String path, String body) throws Exception {
    return sealer().seal(HeaderKind.AGENT, AgentProcess.PASSWORD, path,
        Optional.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs an operator on a dag and asserts that the agent took it. */
  void operate(String id, String operator) throws Exception {
    Answer answer = post("/api/v1/task/dag/" + id, "{\"operator\":\"" + operator + "\"}");
    assertThat(answer.status()).as("%s: %s", operator, answer.envelope()).isEqualTo(200);
  }

  /** A dag with its details; asserts that the agent found it. */
  JsonNode dag(String id) throws Exception {
    Answer answer = get("/api/v1/task/dag/" + id + "?show_details=true");
    assertThat(answer.status()).as("dag %s: %s", id, answer.envelope()).isEqualTo(200);
    return answer.data();
  }

  /** Polls a dag until the condition holds, for at most 30 s. */
  JsonNode awaitDag(String id, Predicate<JsonNode> condition) throws Exception {
    return awaitDag(id, condition, Duration.ofSeconds(30));
  }

  /** Polls a dag until the condition holds, for at most {@code patience}. */
  JsonNode awaitDag(String id, Predicate<JsonNode> condition, Duration patience)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    JsonNode dag = dag(id);
    while (!condition.test(dag)) {
      assertThat(System.nanoTime()).as("dag %s never got there: %s", id, dag)
          .isLessThan(deadline);
      Thread.sleep(20);
      dag = dag(id);
    }
    return dag;
  }

  /** The generic ids GET /unfinish lists. */
  List<String> unfinishedIds() throws Exception {
    List<String> ids = new ArrayList<>();
    get("/api/v1/task/dag/unfinish?show_details=false").data().path("contents")
        .forEach(dag -> ids.add(dag.path("id").asText()));
    return ids;
  }

  /** Forgets the public key, as a client must when the agent was restarted. */
  void reconnect() {
    sealer = null;
  }

  private Answer send(String pathAndQuery, String body) throws Exception {
    SealedRequest sealed = sealer().seal(HeaderKind.AGENT, AgentProcess.PASSWORD,
        pathAndQuery, Optional.ofNullable(body).map(b -> b.getBytes(StandardCharsets.UTF_8)));
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header(sealed.headerName(), sealed.headerValue());
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(sealed.body().orElseThrow()));
    }
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private RequestSealer sealer() throws Exception {
    if (sealer == null) {
      HttpResponse<String> secret = http.send(
          HttpRequest.newBuilder(base.resolve("/api/v1/secret")).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String key = JSON.readTree(secret.body()).path("data").path("public_key").asText();
      sealer = RequestSealer.builder(key).build();
    }
    return sealer;
  }
}
