package io.github.dagent.bench;

import io.github.dagent.crypto.AgentKeys;
import io.github.dagent.crypto.HeaderChunking;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.HeaderVerifier;
import io.github.dagent.crypto.RequestSealer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code crypto.header.per_s}: {@code X-OCS-Agent-Header} values checked per CPU-second of one
 * thread (so per core, whatever else the machine runs) with a 2048-bit agent key, as the
 * agent's auth filter checks them: decrypt every RSA block, parse the document, compare uri,
 * ts and password. The headers are cut as the crypto client cuts them by default (53-byte
 * chunks, the Python SDK's); {@code crypto.header.per_s.1block} is the same with one block per
 * header (modulus - 11 chunks, as other clients send).
 */
final class CryptoBench implements BenchGroup {
  private static final String URI = "/api/v1/task/dag/unfinish";
  private static final String PASSWORD = "bench-agent-password";

  @Override
  public String name() {
    return "crypto";
  }

  @Override
  public List<String> figures() {
    return List.of("crypto.header.per_s", "crypto.header.per_s.1block");
  }

  @Override
  public void run(BenchRun run) throws Exception {
    AgentKeys keys = AgentKeys.generate(2048);
    HeaderVerifier verifier = HeaderVerifier.builder(keys).build();
    measure(run, keys, verifier, "crypto.header.per_s", HeaderChunking.pythonSdk());
    measure(run, keys, verifier, "crypto.header.per_s.1block", HeaderChunking.modulusMinus11());
  }

  private static void measure(BenchRun run, AgentKeys keys, HeaderVerifier verifier,
      String name, HeaderChunking chunking) throws Exception {
    RequestSealer sealer = RequestSealer.builder(keys.publicKeyBase64())
        .validity(Duration.ofMinutes(30)).chunking(chunking).build();
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      headers.add(sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty())
          .headerValue());
    }
    int blocks = Base64.getDecoder().decode(headers.get(0)).length / (2048 / 8);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long warmEnd = System.nanoTime()
        + run.window(Duration.ofSeconds(1), Duration.ofSeconds(2)).toNanos();
    long i = 0;
    while (System.nanoTime() < warmEnd) {
      verifier.verify(headers.get((int) (i++ % headers.size())), URI, PASSWORD);
    }
    long window = run.window(Duration.ofSeconds(1), Duration.ofSeconds(4)).toNanos();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long count = 0;
    while (System.nanoTime() - start < window) {
      verifier.verify(headers.get((int) (i++ % headers.size())), URI, PASSWORD);
      count++;
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    double perCpuSecond = count * 1e9 / cpu;
    double perWallSecond = count * 1e9 / wall;
    run.report().add(name, perCpuSecond, "headers/s",
        "per CPU-second of 1 thread, 2048-bit key, " + blocks + " RSA block"
            + (blocks == 1 ? "" : "s") + " per header (" + chunking + "), "
            + Figure.format(perCpuSecond * blocks) + " RSA private-key decryptions/s; "
            + "wall-clock on this machine " + Figure.format(perWallSecond) + "/s");
  }
}
