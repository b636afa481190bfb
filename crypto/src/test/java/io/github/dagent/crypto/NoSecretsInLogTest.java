package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Captures every log event at TRACE while keys are made and headers pass and fail. */
class NoSecretsInLogTest {
  private static final String PASSWORD = "Sup3r-Secret-Pw";
  private static final String URI = "/api/v1/task/dag/9?x=1";

  @TempDir
  Path dir;

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private Level previousLevel;

  @BeforeEach
  void capture() {
    previousLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void release() {
    root.detachAppender(appender);
    root.setLevel(previousLevel);
  }

  @Test
  void no_password_key_or_decrypted_header_reaches_the_log() throws Exception {
    AgentKeys keys = AgentKeys.loadOrCreate(dir.resolve("k.pem"), AgentKeys.DEFAULT_BITS);
    AgentKeys.loadOrCreate(dir.resolve("k.pem"), AgentKeys.DEFAULT_BITS);
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK)
        .replayProtection(true).replayCapacity(1).build();
    RequestSealer sealer = RequestSealer.builder(keys.publicKeyBase64()).clock(TestKeys.CLOCK)
        .build();
    byte[] keyAndIv = new byte[32];
    java.util.Arrays.fill(keyAndIv, (byte) 0x3c);
    byte[] doc = HeaderJson.write(PASSWORD, Long.toString(TestKeys.NOW + 5), URI, keyAndIv);
    String header = sealer.encryptHeader(doc);
    String body = "{\"secret\":\"body-content\"}";
    List<Throwable> thrown = new ArrayList<>();

    VerifiedHeader ok = verifier.verify(header, URI, PASSWORD);
    verifier.decryptBody(ok, BodyCipher.fromKeys(keyAndIv)
        .encrypt(body.getBytes(StandardCharsets.UTF_8)));
    thrown.add(catchThrowable(() -> verifier.verify(header, URI, PASSWORD)));
    thrown.add(catchThrowable(() -> verifier.verify(header, "/other", PASSWORD)));
    thrown.add(catchThrowable(() -> verifier.verify(header, URI, PASSWORD + "x")));
    thrown.add(catchThrowable(() -> verifier.verify(sealer.seal(HeaderKind.AGENT, PASSWORD,
        URI, "abc", Optional.empty()).headerValue(), URI, PASSWORD)));
    thrown.add(catchThrowable(() -> verifier.verify("AAAA", URI, PASSWORD)));
    thrown.add(catchThrowable(() -> verifier.decryptBody(ok, "AAAAAAAAAAAAAAAAAAAAAA==")));
    for (int i = 0; i < 3; i++) {
      verifier.verify(sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty())
          .headerValue(), URI, PASSWORD);
    }

    List<String> secrets = List.of(PASSWORD, Base64.getEncoder().encodeToString(keyAndIv),
        new String(doc, StandardCharsets.UTF_8), "body-content",
        keys.privateKeyPem().split("\n")[1], keys.privateKeyPem().split("\n")[5]);
    List<String> logged = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      logged.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        logged.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    for (Throwable t : thrown) {
      logged.add(t.getMessage());
    }
    assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("errCode=Security.Authentication.Replayed"))
        .anyMatch(m -> m.contains("made a new 2048-bit RSA key pair"))
        .anyMatch(m -> m.contains("replay cache full"));
    assertThat(thrown).hasSize(6).doesNotContainNull();
    for (String line : logged) {
      for (String secret : secrets) {
        assertThat(line).doesNotContain(secret);
      }
    }
  }
}
