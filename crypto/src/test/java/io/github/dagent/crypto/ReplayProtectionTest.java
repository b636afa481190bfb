package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayProtectionTest {
  private static final String URI = "/api/v1/task/dag/1";
  private static final String PASSWORD = "pw";

  private final AgentKeys keys = TestKeys.rsa1024();
  private final RequestSealer sealer =
      RequestSealer.builder(keys.publicKeyBase64()).clock(TestKeys.CLOCK).build();

  @Test
  void replay_is_accepted_by_default_for_obshell_compatibility() throws AuthException {
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK).build();
    String header = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty()).headerValue();

    verifier.verify(header, URI, PASSWORD);

    assertThat(verifier.verify(header, URI, PASSWORD)).isNotNull();
  }

  @Test
  void replay_is_refused_when_enabled_until_ts_passes() throws AuthException {
    AtomicLong now = new AtomicLong(TestKeys.NOW);
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(movable(now))
        .replayProtection(true).build();
    SealedRequest sealed = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty());

    verifier.verify(sealed.headerValue(), URI, PASSWORD);
    String second = errCode(verifier, sealed.headerValue());
    now.addAndGet(5);
    String atExpiry = errCode(verifier, sealed.headerValue());
    now.addAndGet(1);
    String afterExpiry = errCode(verifier, sealed.headerValue());

    assertThat(second).isEqualTo("Security.Authentication.Replayed");
    assertThat(atExpiry).isEqualTo("Security.Authentication.Replayed");
    assertThat(afterExpiry).isEqualTo("Security.Authentication.Expired");
  }

  @Test
  void replay_of_the_same_document_re_encrypted_is_refused() throws AuthException {
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK)
        .replayProtection(true).build();
    byte[] doc = HeaderJson.write(PASSWORD, Long.toString(TestKeys.NOW + 5), URI, new byte[32]);
    String first = sealer.encryptHeader(doc);
    String reEncrypted = sealer.encryptHeader(doc);

    verifier.verify(first, URI, PASSWORD);

    assertThat(reEncrypted).isNotEqualTo(first);
    assertThat(errCode(verifier, reEncrypted)).isEqualTo("Security.Authentication.Replayed");
  }

  @Test
  void fresh_headers_with_the_same_password_are_all_accepted() throws AuthException {
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK)
        .replayProtection(true).build();

    for (int i = 0; i < 20; i++) {
      String header = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty())
          .headerValue();
      assertThat(verifier.verify(header, URI, PASSWORD)).isNotNull();
    }
  }

  @Test
  void of_racing_threads_presenting_one_header_exactly_one_is_accepted() throws Exception {
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK)
        .replayProtection(true).build();
    String header = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty()).headerValue();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        start.await();
        try {
          verifier.verify(header, URI, PASSWORD);
          return "accepted";
        } catch (AuthException e) {
          return e.failure().errCode();
        }
      }));
    }

    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : results) {
      outcomes.add(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(outcomes).containsOnlyOnce("accepted")
        .filteredOn(o -> !o.equals("accepted"))
        .hasSize(threads - 1).containsOnly("Security.Authentication.Replayed");
  }

  @Test
  void replay_memory_is_bounded_by_its_capacity() {
    ReplayGuard guard = new ReplayGuard(100);
    Instant now = Instant.ofEpochSecond(TestKeys.NOW);

    for (int i = 0; i < 10_000; i++) {
      assertThat(guard.admit(digest(i), now.plusSeconds(60 + i % 7), now)).isTrue();
    }

    assertThat(guard.size()).isEqualTo(100);
    assertThat(guard.admit(digest(9_999), now.plusSeconds(60), now)).isFalse();
  }

  @Test
  void expired_entries_are_dropped_so_they_take_no_memory() {
    ReplayGuard guard = new ReplayGuard(1000);
    Instant now = Instant.ofEpochSecond(TestKeys.NOW);
    for (int i = 0; i < 500; i++) {
      guard.admit(digest(i), now.plusSeconds(5), now);
    }

    guard.admit(digest(-1), now.plusSeconds(100), now.plusSeconds(6));

    assertThat(guard.size()).isEqualTo(1);
  }

  private static byte[] digest(int i) {
    return Passwords.sha256(Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String errCode(HeaderVerifier verifier, String header) {
    AuthException e = catchThrowableOfType(AuthException.class,
        () -> verifier.verify(header, URI, PASSWORD));
    assertThat(e).isNotNull();
    return e.failure().errCode();
  }

  private static Clock movable(AtomicLong epochSecond) {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochSecond(epochSecond.get());
      }
    };
  }
}
