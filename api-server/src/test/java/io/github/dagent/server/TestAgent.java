package io.github.dagent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.dto.WireJson;
import io.github.dagent.server.agent.Agent;
import io.github.dagent.server.agent.AgentComponent;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.store.DagStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real agent built by the production Dagger component on a temp-dir SQLite store, listening
 * on 127.0.0.1 and a free port, with the JDK HTTP client in front of it.
 */
final class TestAgent implements AutoCloseable {
  static final ObjectMapper JSON = WireJson.mapper();

  final AgentComponent component;
  final Agent agent;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestAgent(AgentConfig config) {
    this.component = AgentComponent.create(config);
    this.agent = component.agent();
    agent.start();
  }

  static TestAgent start(Path dir) {
    return new TestAgent(AgentConfig.local(dir));
  }

  static TestAgent start(AgentConfig config) {
    return new TestAgent(config);
  }

  DagStore store() {
    return component.store();
  }

  AgentAddress self() {
    return agent.identity().address();
  }

  URI uri(String pathAndQuery) {
    return URI.create(agent.baseUri() + pathAndQuery);
  }

  Reply get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), Map.of());
  }

  Reply get(String pathAndQuery, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), headers);
  }

  Reply post(String pathAndQuery, String body) {
    return post(pathAndQuery, body, Map.of("Content-Type", "application/json"));
  }

  Reply post(String pathAndQuery, String body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery))
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  Reply send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), headers);
  }

  Reply send(HttpRequest.Builder request, Map<String, String> headers) {
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), parse(response.body()), response);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
    }
  }

  @Override
  public void close() {
    agent.close();
  }

  /** A parsed answer. */
  record Reply(int status, JsonNode body, HttpResponse<byte[]> response) {
    JsonNode data() {
      return body.get("data");
    }

    String errCode() {
      return body.path("error").path("errCode").asText(null);
    }

    Integer legacy() {
      JsonNode code = body.path("error").get("code");
      return code == null ? null : code.asInt();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
