package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.crypto.AesKeySize;
import io.github.dagent.crypto.HeaderChunking;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.RequestSealer;
import io.github.dagent.server.config.AgentConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow request bodies hold no worker thread: more slow senders than Undertow has workers do not
 * keep a normal request from being answered, a protected request without a usable header is
 * refused on its headers alone, and a body that trickles in for too long is cut off.
 */
class SlowBodyTest {
  static final String UNFINISH = "/api/v1/task/dag/unfinish";
  /** More than Undertow's default worker count (8 per IO thread, at least 2 IO threads). */
  static final int SLOW = Math.max(2, Runtime.getRuntime().availableProcessors()) * 8 + 4;

  @TempDir
  Path dir;

  final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void more_slow_bodies_than_workers_do_not_keep_a_get_from_being_answered() throws Exception {
    try (TestAgent agent = TestAgent.start(dir)) {
      for (int i = 0; i < SLOW; i++) {
        startSlowBody(agent, Map.of());
      }

      HttpResponse<String> reply = promptGet(agent, Map.of());

      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
      assertThat(reply.body()).contains("\"contents\"");
    }
  }

  @Test
  void with_a_password_slow_bodies_without_a_header_are_refused_at_once() throws Exception {
    assertThat(slowAnswersBesideASealedGet(Map.of())).allSatisfy(answer ->
        assertThat(answer).startsWith("HTTP/1.1 400").contains("Request.Header.NotFound"));
  }

  @Test
  void with_a_password_slow_bodies_with_a_forged_header_hold_no_worker() throws Exception {
    assertThat(slowAnswersBesideASealedGet(Map.of("X-OCS-Agent-Header", "bm90IHJzYQ==")))
        .allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 401"));
  }

  /**
   * On an agent with a password, starts {@link #SLOW} slow bodies with these headers, checks
   * that a sealed GET is answered meanwhile, and returns what each slow request was answered.
   */
  private List<String> slowAnswersBesideASealedGet(Map<String, String> slowHeaders)
      throws Exception {
    try (TestAgent agent = TestAgent.start(AgentConfig.local(dir)
        .withPassword(AuthTest.PASSWORD))) {
      RequestSealer sealer = AuthTest.sealer(agent, HeaderChunking.pythonSdk(),
          AesKeySize.AES_128);
      for (int i = 0; i < SLOW; i++) {
        startSlowBody(agent, slowHeaders);
      }
      Map<String, String> header = AuthTest.headers(
          sealer.seal(HeaderKind.AGENT, AuthTest.PASSWORD, UNFINISH, Optional.empty()));

      HttpResponse<String> reply = promptGet(agent, header);

      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
      List<String> answers = new ArrayList<>();
      for (Socket socket : sockets) {
        socket.setSoTimeout(5_000);
        answers.add(LimitsTest.readAll(socket.getInputStream()));
      }
      return answers;
    }
  }

  @Test
  void a_body_trickling_in_past_the_total_time_is_400_and_the_connection_closed()
      throws Exception {
    AgentConfig config = AgentConfig.local(dir).withLimits(
        AgentConfig.Limits.DEFAULTS.withReadTimeout(Duration.ofSeconds(1)));
    try (TestAgent agent = TestAgent.start(config)) {
      Socket socket = startSlowBody(agent, Map.of());
      Thread drip = new Thread(() -> drip(socket), "drip");
      drip.setDaemon(true);
      drip.start();
      socket.setSoTimeout(10_000);

      String answer = LimitsTest.readAll(socket.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 400").contains("Request.Body.Illegal");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      drip.interrupt();
      assertThat(agent.get("/api/v1/status").status()).isEqualTo(200);
    }
  }

  /** Sends one byte every 200 ms, each well within the per-read timeout, until cut off. */
  private static void drip(Socket socket) {
    try {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 50 && !Thread.currentThread().isInterrupted(); i++) {
        Thread.sleep(200);
        out.write(' ');
        out.flush();
      }
    } catch (IOException e) {
      // the agent closed the connection: what the test waits for
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Socket startSlowBody(TestAgent agent, Map<String, String> headers)
      throws IOException {
    Socket socket = new Socket("127.0.0.1", agent.self().port());
    sockets.add(socket);
    StringBuilder head = new StringBuilder("POST /api/v1/task/dag HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value)
        .append("\r\n"));
    OutputStream out = socket.getOutputStream();
    out.write((head + "\r\n{").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static HttpResponse<String> promptGet(TestAgent agent, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(agent.uri(UNFINISH))
        .timeout(Duration.ofSeconds(5)).GET();
    headers.forEach(request::header);
    return agent.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
