package io.github.dagent.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code agent.start.ms} and {@code agent.rss.mb}: starts {@code java -jar dagent.jar serve}
 * as a child process with default settings on a fresh data directory and a free port on
 * 127.0.0.1, times until the first answered {@code GET /api/v1/info}, then reads the idle
 * process's VmRSS from {@code /proc/<pid>/status}. A first start also makes the agent's RSA
 * key pair; {@code agent.start.restart.ms} is a second start on the same directory.
 */
final class AgentProcessBench implements BenchGroup {
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

  @Override
  public String name() {
    return "agent";
  }

  @Override
  public List<String> figures() {
    return List.of("agent.start.ms", "agent.start.restart.ms", "agent.rss.mb");
  }

  @Override
  public void run(BenchRun run) throws Exception {
    Path jar = agentJar(run.options());
    int starts = run.pick(1, 3);
    long[] millis = new long[starts];
    Path lastData = null;
    for (int i = 0; i < starts; i++) {
      lastData = run.directory("agent-start");
      Child child = start(jar, lastData);
      millis[i] = child.startMillis;
      child.stop();
    }
    Arrays.sort(millis);
    run.report().add("agent.start.ms", millis[starts / 2], "ms",
        (starts > 1 ? "median of " + starts + " starts" : "1 start")
            + ", java -jar dagent.jar serve on an empty data dir (makes the 2048-bit key pair"
            + " and the SQLite schema) to first answered GET /api/v1/info");
    Child again = start(jar, lastData);
    try {
      run.report().add("agent.start.restart.ms", again.startMillis, "ms",
          "second start on the same data dir (key and schema exist)");
      Thread.sleep(run.pick(1000, 3000));
      run.report().add("agent.rss.mb", rssKib(again.process.pid()) / 1024.0, "MiB",
          "VmRSS of the idle agent " + run.pick(1, 3) + " s after start, default settings,"
              + " JVM defaults (no -Xmx)");
    } finally {
      again.stop();
    }
  }

  private static Child start(Path jar, Path data) throws Exception {
    int port = ApiBench.freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "serve",
        "--bind", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString())
        .redirectErrorStream(true)
        .redirectOutput(data.resolveSibling(data.getFileName() + ".out").toFile());
    Map<String, String> env = builder.environment();
    env.remove("DAGENT_AGENT_PASSWORD");
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    long begin = System.nanoTime();
    Process process = builder.start();
    try {
      awaitInfo(process, port, begin);
      return new Child(process, (System.nanoTime() - begin) / 1_000_000);
    } catch (Exception e) {
      new Child(process, 0).stop();
      throw e;
    }
  }

  private static void awaitInfo(Process process, int port, long begin) throws Exception {
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the agent exited with " + process.exitValue()
            + " before answering; see its output next to the data directory");
      }
      try (HttpConnection connection = new HttpConnection(port, 5_000)) {
        if (connection.get("/api/v1/info", Map.of(), false).status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        if (System.nanoTime() - begin > START_TIMEOUT_NANOS) {
          throw new IllegalStateException("the agent did not answer GET /api/v1/info within"
              + " 120 s", notYet);
        }
      }
      Thread.sleep(5);
    }
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
        StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line; the bench"
        + " needs Linux");
  }

  /** The agent jar: --agent-jar, else next to the bench jar's project, else ./api-server. */
  static Path agentJar(BenchOptions options) throws URISyntaxException {
    List<Path> candidates = new ArrayList<>();
    options.agentJar().ifPresent(candidates::add);
    if (options.agentJar().isEmpty()) {
      Path self = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      Path projectRoot = self.toAbsolutePath().getParent().getParent().getParent();
      if (projectRoot != null) {
        candidates.add(projectRoot.resolve("api-server/target/dagent.jar"));
      }
      candidates.add(Path.of("api-server", "target", "dagent.jar"));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException("no agent jar at " + candidates + "; build it with"
        + " `mvn -B -ntp -DskipTests package` or pass --agent-jar PATH");
  }

  /** A started agent process. */
  private static final class Child {
    private final Process process;
    private final long startMillis;

    Child(Process process, long startMillis) {
      this.process = process;
      this.startMillis = startMillis;
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
