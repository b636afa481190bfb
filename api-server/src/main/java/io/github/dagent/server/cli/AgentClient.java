package io.github.dagent.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.RequestSealer;
import io.github.dagent.crypto.SealedRequest;
import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.TaskLogDTO;
import io.github.dagent.model.dto.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to one agent the way any OBShell client does: fetches the agent's public key from
 * {@code GET /api/v1/secret} once, then sends every task request with an encrypted
 * {@code X-OCS-Agent-Header} (and an encrypted body on POST). Not thread-safe; one per CLI
 * run.
 */
final class AgentClient {
  private static final ObjectMapper JSON = WireJson.mapper();
  private static final TypeReference<List<DagDetailDTO>> DAGS = new TypeReference<>() {};
  private static final TypeReference<List<TaskLogDTO>> LOGS = new TypeReference<>() {};

  private final URI server;
  private final String password;
  private final HttpClient http;
  private RequestSealer sealer;

  AgentClient(URI server, String password) {
    this.server = server;
    this.password = password;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Submits a plan document; answers the new dag. */
  DagDetailDTO submit(String plan) throws AgentRefusedException, AgentUnreachableException {
    return read(call("POST", "/api/v1/task/dag", plan), DagDetailDTO.class);
  }

  /** One dag with its nodes, sub-tasks and their log lines. */
  DagDetailDTO dag(String id) throws AgentRefusedException, AgentUnreachableException {
    return read(call("GET", "/api/v1/task/dag/" + encode(id) + "?show_details=true", null),
        DagDetailDTO.class);
  }

  /** Every unfinished dag, without details. */
  List<DagDetailDTO> unfinished() throws AgentRefusedException, AgentUnreachableException {
    JsonNode data = call("GET", "/api/v1/task/dag/unfinish?show_details=false", null);
    return JSON.convertValue(data.path("contents"), DAGS);
  }

  /** A sub-task's log rows, oldest first. */
  List<TaskLogDTO> logs(String subTaskId)
      throws AgentRefusedException, AgentUnreachableException {
    JsonNode data = call("GET", "/api/v1/task/sub_task/" + encode(subTaskId) + "/logs", null);
    return JSON.convertValue(data.path("contents"), LOGS);
  }

  /** Runs an operator on a dag. */
  void operate(String id, String operator)
      throws AgentRefusedException, AgentUnreachableException {
    call("POST", "/api/v1/task/dag/" + encode(id), write(Map.of("operator", operator)));
  }

  private JsonNode call(String method, String pathAndQuery, String body)
      throws AgentRefusedException, AgentUnreachableException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(30));
    Optional<byte[]> plain = Optional.ofNullable(body)
        .map(text -> text.getBytes(StandardCharsets.UTF_8));
    SealedRequest sealed = sealer().seal(HeaderKind.AGENT, password, pathAndQuery, plain);
    request.header(sealed.headerName(), sealed.headerValue());
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(sealed.body().orElseThrow()));
    }
    return envelope(send(request.build()));
  }

  private RequestSealer sealer() throws AgentRefusedException, AgentUnreachableException {
    if (sealer == null) {
      String key = publicKey();
      try {
        sealer = RequestSealer.builder(key).build();
      } catch (IllegalArgumentException e) {
        throw new AgentUnreachableException(server + " answered a public key that is not an RSA"
            + " key; is it a dagent or OBShell agent?", e);
      }
    }
    return sealer;
  }

  private String publicKey() throws AgentRefusedException, AgentUnreachableException {
    HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/secret"))
        .timeout(Duration.ofSeconds(30)).GET().build();
    String key = envelope(send(request)).path("public_key").asText("");
    if (key.isEmpty()) {
      throw new AgentUnreachableException(server + " answered no public key on /api/v1/secret;"
          + " is it a dagent or OBShell agent?", null);
    }
    return key;
  }

  private HttpResponse<String> send(HttpRequest request) throws AgentUnreachableException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AgentUnreachableException("cannot reach the agent at " + server + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
          + e.getMessage()) + "); is `dagent serve` running there?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentUnreachableException("interrupted while calling " + server, e);
    }
  }

  private JsonNode envelope(HttpResponse<String> response)
      throws AgentRefusedException, AgentUnreachableException {
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new AgentUnreachableException(server + " answered HTTP " + response.statusCode()
          + " with a body that is not JSON; is it a dagent or OBShell agent?", e);
    }
    if (!root.path("successful").asBoolean(false)) {
      JsonNode error = root.path("error");
      throw new AgentRefusedException(response.statusCode(),
          error.path("errCode").asText("HTTP " + response.statusCode()),
          error.path("message").asText("no message"));
    }
    return root.path("data");
  }

  private static <T> T read(JsonNode data, Class<T> type) {
    return JSON.convertValue(data, type);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a request body", e);
    }
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
