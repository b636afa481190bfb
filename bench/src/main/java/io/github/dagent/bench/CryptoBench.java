package io.github.dagent.bench;

import io.github.dagent.crypto.AgentKeys;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.HeaderVerifier;
import io.github.dagent.crypto.RequestSealer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code crypto.header.per_s}: {@code X-OCS-Agent-Header} values checked per second on one
 * thread (so one core) with a 2048-bit agent key, as the agent's auth filter checks them:
 * decrypt every RSA block, parse the document, compare uri, ts and password.
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
    return List.of("crypto.header.per_s");
  }

  @Override
  public void run(BenchRun run) throws Exception {
    AgentKeys keys = AgentKeys.generate(2048);
    HeaderVerifier verifier = HeaderVerifier.builder(keys).build();
    RequestSealer sealer = RequestSealer.builder(keys.publicKeyBase64())
        .validity(Duration.ofMinutes(30)).build();
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      headers.add(sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty())
          .headerValue());
    }
    int blocks = Base64.getDecoder().decode(headers.get(0)).length / (2048 / 8);
    Timed.Result result = Timed.loop(run.window(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        run.window(Duration.ofSeconds(1), Duration.ofSeconds(5)),
        i -> verifier.verify(headers.get((int) (i % headers.size())), URI, PASSWORD));
    run.report().add("crypto.header.per_s", result.perSecond(), "headers/s",
        "2048-bit key, 1 thread, " + blocks + " RSA blocks per header (python-SDK 53-byte"
            + " chunks), " + Figure.format(result.perSecond() * blocks)
            + " RSA private-key decryptions/s");
  }
}
