package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FC-12 with a real child JVM running {@code dagent serve} from the test class path: SIGTERM
 * ends it within a bound, a second SIGTERM during shutdown does not deadlock, and the next
 * start on the same data directory serves again.
 */
class ShutdownTest {
  static final Pattern ADDRESS = Pattern.compile("listening on (http://[0-9.]+:\\d+)");

  @TempDir
  Path dir;

  @Test
  void fc12_sigterm_twice_ends_the_agent_and_the_next_start_serves() throws Exception {
    Process first = serve();
    try {
      URI base = awaitStart(first);
      assertThat(status(base)).isEqualTo(200);

      long started = System.nanoTime();
      first.destroy();
      Thread.sleep(50);
      first.destroy();

      assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    } finally {
      first.destroyForcibly();
    }

    Process second = serve();
    try {
      assertThat(status(awaitStart(second))).isEqualTo(200);
    } finally {
      second.destroy();
      if (!second.waitFor(15, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  @Test
  void fc12_sigterm_during_start_still_ends_the_agent() throws Exception {
    Process process = serve();
    try {
      Thread.sleep(1500);
      process.destroy();

      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  Process serve() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "io.github.dagent.server.Main", "serve",
        "--bind", "127.0.0.1", "--port", "0", "--data", dir.toString());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  static URI awaitStart(Process process) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher matcher = ADDRESS.matcher(line);
      if (line.startsWith("dagent ") && matcher.find()) {
        Thread drain = new Thread(() -> out.lines().count(), "child-output");
        drain.setDaemon(true);
        drain.start();
        return URI.create(matcher.group(1));
      }
    }
    throw new AssertionError("the agent did not start:\n" + seen);
  }

  static int status(URI base) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    return client.send(HttpRequest.newBuilder(base.resolve("/api/v1/status")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
