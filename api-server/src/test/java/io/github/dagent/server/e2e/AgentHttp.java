package io.github.dagent.server.e2e;

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
import java.util.Optional;

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
