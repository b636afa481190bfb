package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** FC-17 (ts is an expiry) and FC-18 (block size from the key), default settings. */
class FieldCaseTest {
  private static final String URI = "/api/v1/task/dag/unfinish";
  private static final String PASSWORD = "pw";

  private final AgentKeys keys = TestKeys.rsa2048();
  private final HeaderVerifier verifier =
      HeaderVerifier.builder(keys).clock(TestKeys.CLOCK).build();
  private final RequestSealer sealer =
      RequestSealer.builder(keys.publicKeyBase64()).clock(TestKeys.CLOCK).build();

  @Test
  void fc17_ts_now_plus_60_is_accepted() throws AuthException {
    VerifiedHeader verified = verifier.verify(headerWithTs(TestKeys.NOW + 60), URI, PASSWORD);

    assertThat(verified.validUntil()).map(i -> i.getEpochSecond()).hasValue(TestKeys.NOW + 60);
  }

  @Test
  void fc17_ts_now_is_still_accepted() throws AuthException {
    assertThat(verifier.verify(headerWithTs(TestKeys.NOW), URI, PASSWORD).passwordSent())
        .isTrue();
  }

  @Test
  void fc17_ts_now_minus_1_is_expired() {
    assertThat(refusal(headerWithTs(TestKeys.NOW - 1)))
        .isEqualTo("Security.Authentication.Expired");
  }

  @Test
  void fc17_ts_abc_is_timestamp_invalid_a_different_code() {
    String header = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, "abc", Optional.empty())
        .headerValue();

    assertThat(refusal(header)).isEqualTo("Security.Authentication.Timestamp.Invalid");
  }

  @Test
  void fc17_ts_up_to_one_hour_ahead_is_accepted_beyond_it_timestamp_invalid()
      throws AuthException {
    long bound = HeaderVerifier.Builder.DEFAULT_MAX_FUTURE.getSeconds();

    assertThat(verifier.verify(headerWithTs(TestKeys.NOW + bound), URI, PASSWORD)).isNotNull();
    assertThat(refusal(headerWithTs(TestKeys.NOW + bound + 1)))
        .isEqualTo("Security.Authentication.Timestamp.Invalid");
    assertThat(refusal(headerWithTs(Long.MAX_VALUE)))
        .isEqualTo("Security.Authentication.Timestamp.Invalid");
  }

  @Test
  void fc17_clock_skew_setting_extends_expiry_and_future_bound() throws AuthException {
    HeaderVerifier skewed = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK)
        .clockSkew(Duration.ofSeconds(30)).maxFuture(Duration.ofSeconds(60)).build();

    assertThat(skewed.verify(headerWithTs(TestKeys.NOW - 30), URI, PASSWORD).validUntil())
        .map(i -> i.getEpochSecond()).hasValue(TestKeys.NOW);
    assertThat(skewed.verify(headerWithTs(TestKeys.NOW + 90), URI, PASSWORD)).isNotNull();
    assertThat(refusal(skewed, headerWithTs(TestKeys.NOW - 31)))
        .isEqualTo("Security.Authentication.Expired");
    assertThat(refusal(skewed, headerWithTs(TestKeys.NOW + 91)))
        .isEqualTo("Security.Authentication.Timestamp.Invalid");
  }

  @ParameterizedTest(name = "rsa{0}")
  @ValueSource(ints = {1024, 2048})
  void fc18_53_byte_and_modulus_minus_11_chunks_both_decrypt(int bits) throws AuthException {
    AgentKeys k = TestKeys.ofBits(bits);
    HeaderVerifier v = HeaderVerifier.builder(k).clock(TestKeys.CLOCK).build();

    for (HeaderChunking chunking : new HeaderChunking[] {HeaderChunking.pythonSdk(),
        HeaderChunking.modulusMinus11()}) {
      String header = RequestSealer.builder(k.publicKeyBase64()).clock(TestKeys.CLOCK)
          .chunking(chunking).build().seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty())
          .headerValue();

      assertThat(v.verify(header, URI, PASSWORD).uri()).isEqualTo(URI);
    }
  }

  @ParameterizedTest(name = "rsa{0}")
  @ValueSource(ints = {1024, 2048})
  void fc18_length_not_a_multiple_of_the_modulus_is_decrypt_failed(int bits) {
    AgentKeys k = TestKeys.ofBits(bits);
    HeaderVerifier v = HeaderVerifier.builder(k).clock(TestKeys.CLOCK).build();
    byte[] raw = Base64.getDecoder().decode(RequestSealer.builder(k.publicKeyBase64()).build()
        .seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty()).headerValue());

    for (int len : new int[] {raw.length - 1, raw.length + 1, bits / 8 / 2}) {
      byte[] cut = java.util.Arrays.copyOf(raw, len);

      assertThat(refusal(v, Base64.getEncoder().encodeToString(cut)))
          .isEqualTo("Security.Authentication.Header.DecryptFailed");
    }
  }

  @ParameterizedTest(name = "rsa{0}")
  @ValueSource(ints = {1024, 2048})
  void fc18_bad_padding_is_decrypt_failed(int bits) {
    AgentKeys k = TestKeys.ofBits(bits);
    HeaderVerifier v = HeaderVerifier.builder(k).clock(TestKeys.CLOCK).build();
    byte[] raw = Base64.getDecoder().decode(RequestSealer.builder(k.publicKeyBase64()).build()
        .seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty()).headerValue());
    raw[bits / 8 + 5] ^= 0x40;
    byte[] aboveModulus = new byte[bits / 8];
    java.util.Arrays.fill(aboveModulus, (byte) 0xff);

    assertThat(refusal(v, Base64.getEncoder().encodeToString(raw)))
        .isEqualTo("Security.Authentication.Header.DecryptFailed");
    assertThat(refusal(v, Base64.getEncoder().encodeToString(aboveModulus)))
        .isEqualTo("Security.Authentication.Header.DecryptFailed");
  }

  private String headerWithTs(long ts) {
    return sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Long.toString(ts), Optional.empty())
        .headerValue();
  }

  private String refusal(String header) {
    return refusal(verifier, header);
  }

  private static String refusal(HeaderVerifier v, String header) {
    AuthException e = catchThrowableOfType(AuthException.class,
        () -> v.verify(header, URI, PASSWORD));
    assertThat(e).as("a refusal").isNotNull();
    return e.failure().errCode();
  }
}
