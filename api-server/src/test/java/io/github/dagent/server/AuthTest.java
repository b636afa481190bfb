package io.github.dagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.crypto.AesKeySize;
import io.github.dagent.crypto.HeaderChunking;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.RequestSealer;
import io.github.dagent.crypto.SealedRequest;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.Operator;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.store.DagFilter;
import io.github.dagent.store.ListDetail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PROTOCOL.md §6 end to end: the crypto module's client against the agent's auth filter. */
class AuthTest {
  static final String PASSWORD = "s3cret-Pa55";
  static final String UNFINISH = "/api/v1/task/dag/unfinish";

  @TempDir
  Path dir;

  TestAgent withPassword(int keyBits) throws Exception {
    if (keyBits != 2048) {
      writeKey(dir.resolve("keys/agent_rsa.pem"), keyBits);
    }
    return TestAgent.start(AgentConfig.local(dir).withPassword(PASSWORD));
  }

  static RequestSealer sealer(TestAgent agent, HeaderChunking chunking, AesKeySize aes) {
    String key = agent.get("/api/v1/secret").data().get("public_key").asText();
    return RequestSealer.builder(key).chunking(chunking).aesKeySize(aes).build();
  }

  static Map<String, String> headers(SealedRequest sealed) {
    return Map.of(sealed.headerName(), sealed.headerValue(), "Content-Type", "application/json");
  }

  @ParameterizedTest
  @CsvSource({"1024, 53, AES_128", "1024, 117, AES_256", "2048, 53, AES_256",
      "2048, 245, AES_128"})
  void fc18_both_chunk_sizes_and_key_sizes_pass_and_bodies_decrypt(int bits, int chunk,
      AesKeySize aes) throws Exception {
    try (TestAgent agent = withPassword(bits)) {
      HeaderChunking chunking = chunk == 53 ? HeaderChunking.pythonSdk()
          : HeaderChunking.modulusMinus11();
      RequestSealer sealer = sealer(agent, chunking, aes);
      DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
      String path = "/api/v1/task/dag/" + failed.dag().genericId();

      TestAgent.Reply list = agent.get(UNFINISH + "?show_details=false", headers(
          sealer.seal(HeaderKind.AGENT, PASSWORD, UNFINISH + "?show_details=false",
              Optional.empty())));
      SealedRequest post = sealer.seal(HeaderKind.AGENT, PASSWORD, path,
          Optional.of("{\"operator\":\"retry\"}".getBytes(StandardCharsets.UTF_8)));
      TestAgent.Reply retry = agent.post(path, post.body().orElseThrow(), headers(post));

      assertThat(list.status()).as(list.toString()).isEqualTo(200);
      assertThat(list.data().get("contents")).hasSize(1);
      assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
      assertThat(agent.store().findNode(failed.nodes().get(1).id()).orElseThrow().operator())
          .isEqualTo(Operator.RETRY);
    }
  }

  @Test
  void info_says_a_password_is_set_and_open_routes_need_no_header() throws Exception {
    try (TestAgent agent = withPassword(2048)) {
      assertThat(agent.get("/api/v1/info").data().get("security").asBoolean()).isTrue();
      assertThat(agent.get("/api/v1/status").status()).isEqualTo(200);
    }
  }

  @Test
  void refusals_carry_the_exact_codes_and_change_nothing() throws Exception {
    try (TestAgent agent = withPassword(2048)) {
      RequestSealer sealer = sealer(agent, HeaderChunking.pythonSdk(), AesKeySize.AES_128);
      DagGraph failed = Seeds.failed(agent.store(), agent.self(), "t");
      String path = "/api/v1/task/dag/" + failed.dag().genericId();
      Object before = snapshot(agent);
      byte[] retry = "{\"operator\":\"retry\"}".getBytes(StandardCharsets.UTF_8);
      long now = Instant.now().getEpochSecond();

      assertRefused(agent.post(path, "{\"operator\":\"retry\"}"), 400,
          "Request.Header.NotFound", null);
      SealedRequest cluster = sealer.seal(HeaderKind.CLUSTER, PASSWORD, path,
          Optional.of(retry));
      assertRefused(agent.post(path, cluster.body().orElseThrow(), headers(cluster)), 401,
          "Security.Authentication.WithAgentPassword", 10008);
      SealedRequest wrong = sealer.seal(HeaderKind.AGENT, "wrong", path, Optional.of(retry));
      assertRefused(agent.post(path, wrong.body().orElseThrow(), headers(wrong)), 401,
          "Security.Authentication.IncorrectAgentPassword", 10008);
      SealedRequest expired = sealer.seal(HeaderKind.AGENT, PASSWORD, path,
          Long.toString(now - 1), Optional.of(retry));
      assertRefused(agent.post(path, expired.body().orElseThrow(), headers(expired)), 401,
          "Security.Authentication.Expired", 10008);
      SealedRequest abc = sealer.seal(HeaderKind.AGENT, PASSWORD, path, "abc",
          Optional.of(retry));
      assertRefused(agent.post(path, abc.body().orElseThrow(), headers(abc)), 401,
          "Security.Authentication.Timestamp.Invalid", 10008);
      SealedRequest otherUri = sealer.seal(HeaderKind.AGENT, PASSWORD, path + "?x=1",
          Optional.of(retry));
      assertRefused(agent.post(path, otherUri.body().orElseThrow(), headers(otherUri)), 401,
          "Security.Authentication.Header.UriMismatch", 10008);
      assertRefused(agent.post(path, "{}", Map.of("X-OCS-Agent-Header", "bm90IHJzYQ==")), 401,
          "Security.Authentication.Header.DecryptFailed", 1);
      SealedRequest good = sealer.seal(HeaderKind.AGENT, PASSWORD, path, Optional.of(retry));
      assertRefused(agent.post(path, "not base64 at all!", headers(good)), 401,
          "Common.Unauthorized", 10008);

      assertThat(snapshot(agent)).isEqualTo(before);
    }
  }

  @Test
  void a_percent_encoded_path_is_protected_like_the_plain_one() throws Exception {
    try (TestAgent agent = withPassword(2048)) {
      assertRefused(agent.get("/api/v1/%74ask/dag/unfinish"), 400, "Request.Header.NotFound",
          null);
      assertRefused(agent.get("/api/v1/task/dag/%75nfinish"), 400, "Request.Header.NotFound",
          null);
    }
  }

  @Test
  void fc17_ts_sixty_seconds_ahead_is_accepted() throws Exception {
    try (TestAgent agent = withPassword(2048)) {
      RequestSealer sealer = sealer(agent, HeaderChunking.pythonSdk(), AesKeySize.AES_128);
      String ts = Long.toString(Instant.now().getEpochSecond() + 60);

      TestAgent.Reply reply = agent.get(UNFINISH, headers(
          sealer.seal(HeaderKind.AGENT, PASSWORD, UNFINISH, ts, Optional.empty())));

      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }
  }

  @Test
  void fc17_ts_far_ahead_is_invalid_and_fc18_bad_padding_is_decrypt_failed() throws Exception {
    try (TestAgent agent = withPassword(2048)) {
      RequestSealer sealer = sealer(agent, HeaderChunking.pythonSdk(), AesKeySize.AES_128);
      String farAhead = Long.toString(Instant.now().getEpochSecond() + 2 * 3600);
      byte[] noise = new byte[256];
      new java.util.Random(7).nextBytes(noise);

      TestAgent.Reply ahead = agent.get(UNFINISH, headers(
          sealer.seal(HeaderKind.AGENT, PASSWORD, UNFINISH, farAhead, Optional.empty())));
      TestAgent.Reply padding = agent.get(UNFINISH,
          Map.of("X-OCS-Agent-Header", Base64.getEncoder().encodeToString(noise)));

      assertRefused(ahead, 401, "Security.Authentication.Timestamp.Invalid", 10008);
      assertRefused(padding, 401, "Security.Authentication.Header.DecryptFailed", 1);
    }
  }

  @Test
  void without_a_password_no_header_is_served_but_a_present_header_must_pass()
      throws Exception {
    try (TestAgent agent = TestAgent.start(dir)) {
      RequestSealer sealer = sealer(agent, HeaderChunking.modulusMinus11(), AesKeySize.AES_128);

      TestAgent.Reply plain = agent.get(UNFINISH);
      TestAgent.Reply cluster = agent.get(UNFINISH, headers(
          sealer.seal(HeaderKind.CLUSTER, "", UNFINISH, Optional.empty())));
      TestAgent.Reply agentHeader = agent.get(UNFINISH, headers(
          sealer.seal(HeaderKind.AGENT, "", UNFINISH, Optional.empty())));
      TestAgent.Reply mismatch = agent.get(UNFINISH, headers(
          sealer.seal(HeaderKind.AGENT, "", "/api/v1/task/dag/ob/unfinish", Optional.empty())));
      TestAgent.Reply garbage = agent.get(UNFINISH, Map.of("X-OCS-Header", "!!!"));

      assertThat(plain.status()).isEqualTo(200);
      assertThat(agent.get("/api/v1/info").data().get("security").asBoolean()).isFalse();
      assertThat(cluster.status()).as(cluster.toString()).isEqualTo(200);
      assertThat(agentHeader.status()).isEqualTo(200);
      assertRefused(mismatch, 401, "Security.Authentication.Header.UriMismatch", 10008);
      assertRefused(garbage, 401, "Security.Authentication.Header.DecryptFailed", 1);
    }
  }

  static Object snapshot(TestAgent agent) {
    return List.of(agent.store().listDags(DagFilter.ALL),
        agent.store().listUnfinished(DagFilter.ALL, ListDetail.GRAPHS_WITH_LOGS));
  }

  static void assertRefused(TestAgent.Reply reply, int status, String errCode,
      Integer legacy) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.errCode()).isEqualTo(errCode);
    assertThat(reply.legacy()).isEqualTo(legacy);
    assertThat(reply.body().path("error").path("message").asText()).isNotBlank();
  }

  static void writeKey(Path file, int bits) throws IOException, NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    String der = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    Files.createDirectories(file.getParent(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + der
        + "\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
