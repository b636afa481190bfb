package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.server.config.AgentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caps and timeouts: a slow client loses its connection, a huge head is refused, 5xx hide. */
class LimitsTest {
  @TempDir
  Path dir;

  @Test
  void a_client_that_stalls_mid_body_is_cut_off_and_the_agent_keeps_serving() throws Exception {
    AgentConfig config = AgentConfig.local(dir).withLimits(
        AgentConfig.Limits.DEFAULTS.withReadTimeout(Duration.ofMillis(500)));
    try (TestAgent agent = TestAgent.start(config);
        Socket socket = new Socket("127.0.0.1", agent.self().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/task/dag/11 HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"oper")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = readAll(socket.getInputStream());

      assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 400")).as(answer).isTrue();
      assertThat(agent.get("/api/v1/status").status()).isEqualTo(200);
    }
  }

  @Test
  void a_head_above_the_cap_is_refused_without_a_worker() throws Exception {
    try (TestAgent agent = TestAgent.start(dir);
        Socket socket = new Socket("127.0.0.1", agent.self().port())) {
      socket.setSoTimeout(10_000);
      String big = "x".repeat(100 << 10);
      socket.getOutputStream().write(("GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Big: " + big
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

      String answer = readAll(socket.getInputStream());

      assertThat(answer).doesNotStartWith("HTTP/1.1 200");
      assertThat(agent.get("/api/v1/status").status()).isEqualTo(200);
    } catch (java.net.SocketException reset) {
      assertThat(reset.getMessage()).isNotEmpty();
    }
  }

  @Test
  void fc19_a_storage_failure_is_a_500_without_sql_and_logged_under_its_trace() throws Exception {
    try (TestAgent agent = TestAgent.start(dir)) {
      String subTask = Seeds.running(agent.store(), agent.self()).dag().genericId()
          .toString();
      agent.store().close();

      TestAgent.Reply logs = agent.get("/api/v1/task/sub_task/" + subTask + "/logs");
      TestAgent.Reply list = agent.get("/api/v1/task/dag/unfinish");

      for (TestAgent.Reply reply : new TestAgent.Reply[] {logs, list}) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.errCode()).isIn("Common.Unexpected", "Store.Unavailable");
        String text = reply.body().toString().toLowerCase(java.util.Locale.ROOT);
        assertThat(text).doesNotContain("select", "jdbc", "exception", "\tat ", "sqlite");
      }
      String trace = list.body().get("traceId").asText();
      assertThat(list.body().path("error").path("message").asText()).contains(trace);
      assertThat(Files.readString(Path.of("target/test-logs/api-server-tests.log")))
          .contains("trace=" + trace);
    }
  }

  static String readAll(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
        Matcher done = Pattern.compile("\r\n\r\n").matcher(text);
        if (done.find() && !text.toString().contains("Content-Length: 0") && text.length() > 4096) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the agent held the connection past the read timeout", e);
    } catch (java.net.SocketException reset) {
      return text.toString();
    }
    return text.toString();
  }
}
