package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each refusal of the protocol's table, with its exact errCode, legacy code and status. */
class RefusalTest {
  private static final String URI = "/api/v1/task/dag/7?detail=true";
  private static final String PASSWORD = "agent-pw";

  private final AgentKeys keys = TestKeys.rsa2048();
  private final HeaderVerifier verifier =
      HeaderVerifier.builder(keys).clock(TestKeys.CLOCK).build();
  private final RequestSealer sealer =
      RequestSealer.builder(keys.publicKeyBase64()).clock(TestKeys.CLOCK).build();

  @Test
  void failures_carry_the_wire_codes_of_the_table() {
    assertThat(AuthFailure.DECRYPT_FAILED.errCode())
        .isEqualTo("Security.Authentication.Header.DecryptFailed");
    assertThat(AuthFailure.DECRYPT_FAILED.legacyCode()).isEqualTo(1);
    assertThat(AuthFailure.BODY_UNDECRYPTABLE.errCode()).isEqualTo("Common.Unauthorized");
    assertThat(AuthFailure.WITH_AGENT_PASSWORD.errCode())
        .isEqualTo("Security.Authentication.WithAgentPassword");
    assertThat(AuthFailure.REPLAYED.errCode()).isEqualTo("Security.Authentication.Replayed");
    assertThat(AuthFailure.values()).allSatisfy(f -> assertThat(f.httpStatus()).isEqualTo(401))
        .filteredOn(f -> f != AuthFailure.DECRYPT_FAILED)
        .allSatisfy(f -> assertThat(f.legacyCode()).isEqualTo(10008));
  }

  @Test
  void header_of_another_key_is_decrypt_failed() {
    String header = RequestSealer.builder(TestKeys.make(2048).publicKeyBase64()).build()
        .seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty()).headerValue();

    assertRefused(header, URI, PASSWORD, "Security.Authentication.Header.DecryptFailed");
  }

  @Test
  void truncated_block_is_decrypt_failed() {
    byte[] raw = decode(validHeader());

    assertRefused(encode(Arrays.copyOf(raw, raw.length - 1)), URI, PASSWORD,
        "Security.Authentication.Header.DecryptFailed");
  }

  @Test
  void block_of_another_key_length_is_decrypt_failed() {
    String header1024 = RequestSealer.builder(TestKeys.rsa1024().publicKeyBase64())
        .chunking(HeaderChunking.modulusMinus11()).build()
        .seal(HeaderKind.AGENT, PASSWORD, "/x", Optional.empty()).headerValue();

    assertThat(decode(header1024)).hasSize(128);
    assertRefused(header1024, "/x", PASSWORD, "Security.Authentication.Header.DecryptFailed");
  }

  @Test
  void bad_base64_and_empty_header_are_decrypt_failed() {
    assertRefused("not*base64!", URI, PASSWORD, "Security.Authentication.Header.DecryptFailed");
    assertRefused("", URI, PASSWORD, "Security.Authentication.Header.DecryptFailed");
  }

  @Test
  void header_beyond_the_block_limit_is_refused_before_decryption() {
    String longUri = "/api/v1/task/dag/1?" + "x".repeat(64 * 53);
    String header = sealer.seal(HeaderKind.AGENT, PASSWORD, longUri, Optional.empty())
        .headerValue();

    assertRefused(header, longUri, PASSWORD, "Security.Authentication.Header.DecryptFailed");
  }

  @Test
  void document_that_is_not_a_json_object_is_decrypt_failed() {
    for (String doc : new String[] {"[]", "\"x\"", "{\"auth\":1,\"uri\":\"/x\"}", "{",
        "{\"uri\":\"/x\"} trailing", "{\"uri\":\"/x\",\"URI\":\"/x\"}",
        "{\"uri\":\"/x\",\"keys\":\"AAAA\"}"}) {
      String header = sealer.encryptHeader(doc.getBytes(StandardCharsets.UTF_8));

      assertRefused(header, "/x", "", "Security.Authentication.Header.DecryptFailed");
    }
  }

  @Test
  void expired_ts_is_expired() {
    String header = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Long.toString(TestKeys.NOW - 1),
        Optional.empty()).headerValue();

    assertRefused(header, URI, PASSWORD, "Security.Authentication.Expired");
  }

  @Test
  void non_numeric_ts_is_timestamp_invalid() {
    for (String ts : new String[] {"abc", "", "1.5", " 1700000000", "1e10",
        "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660",
        "99999999999999999999"}) {
      String header = sealer.seal(HeaderKind.AGENT, PASSWORD, URI, ts, Optional.empty())
          .headerValue();

      assertRefused(header, URI, PASSWORD, "Security.Authentication.Timestamp.Invalid");
    }
  }

  @Test
  void uri_differing_in_path_or_query_is_uri_mismatch() {
    String header = validHeader();

    assertRefused(header, "/api/v1/task/dag/7", PASSWORD,
        "Security.Authentication.Header.UriMismatch");
    assertRefused(header, "/api/v1/task/dag/7?detail=false", PASSWORD,
        "Security.Authentication.Header.UriMismatch");
    assertRefused(header, "/api/v1/task/dag/8?detail=true", PASSWORD,
        "Security.Authentication.Header.UriMismatch");
  }

  @Test
  void uri_is_checked_before_ts_and_ts_before_password() {
    String expiredWrongPassword = sealer.seal(HeaderKind.AGENT, "wrong", URI,
        Long.toString(TestKeys.NOW - 100), Optional.empty()).headerValue();

    assertRefused(expiredWrongPassword, "/other", PASSWORD,
        "Security.Authentication.Header.UriMismatch");
    assertRefused(expiredWrongPassword, URI, PASSWORD, "Security.Authentication.Expired");
  }

  @Test
  void wrong_password_is_incorrect_agent_password() {
    String header = sealer.seal(HeaderKind.AGENT, "agent-pW", URI, Optional.empty())
        .headerValue();

    assertRefused(header, URI, PASSWORD, "Security.Authentication.IncorrectAgentPassword");
  }

  @Test
  void empty_password_when_one_is_set_is_incorrect_agent_password() {
    String header = sealer.seal(HeaderKind.AGENT, "", URI, Optional.empty()).headerValue();

    assertRefused(header, URI, PASSWORD, "Security.Authentication.IncorrectAgentPassword");
  }

  @Test
  void empty_auth_skips_the_ts_check_as_obshell_does() throws AuthException {
    String header = sealer.seal(HeaderKind.AGENT, "", URI, "abc", Optional.empty())
        .headerValue();

    VerifiedHeader verified = verifier.verify(header, URI, "");

    assertThat(verified.passwordSent()).isFalse();
    assertThat(verified.validUntil()).isEmpty();
  }

  @Test
  void agent_without_password_accepts_any_auth_as_obshell_does() throws AuthException {
    String header = sealer.seal(HeaderKind.AGENT, "whatever", URI, Optional.empty())
        .headerValue();

    assertThat(verifier.verify(header, URI, "").passwordSent()).isTrue();
  }

  @Test
  void field_names_ignore_case_and_unknown_fields_are_ignored() throws AuthException {
    String doc = "{\"AUTH\":\"agent-pw\",\"Ts\":\"" + (TestKeys.NOW + 5) + "\",\"uRi\":\"" + URI
        + "\",\"Keys\":\"" + Base64.getEncoder().encodeToString(new byte[48])
        + "\",\"token\":\"t\",\"forwardType\":0,\"nested\":{\"a\":[1,2]}}";

    VerifiedHeader verified = verifier.verify(
        sealer.encryptHeader(doc.getBytes(StandardCharsets.UTF_8)), URI, PASSWORD);

    assertThat(verified.bodyKeyBits()).hasValue(256);
  }

  @Test
  void documents_shaped_like_the_python_and_go_sdks_are_accepted() throws AuthException {
    String keys = Base64.getEncoder().encodeToString(new byte[32]);
    String python = "{\"auth\": \"agent-pw\", \"ts\": \"" + (TestKeys.NOW + 5)
        + "\", \"uri\": \"" + URI + "\", \"keys\": \"" + keys + "\"}";
    String go = "{\"Auth\":\"agent-pw\",\"Ts\":\"" + (TestKeys.NOW + 5) + "\",\"Token\":\"\","
        + "\"Uri\":\"" + URI + "\",\"Keys\":\"" + keys + "\",\"ForwardType\":0,"
        + "\"ForwardAgent\":{\"ip\":\"\",\"port\":0}}";

    for (String doc : new String[] {python, go}) {
      VerifiedHeader verified = verifier.verify(
          sealer.encryptHeader(doc.getBytes(StandardCharsets.UTF_8)), URI, PASSWORD);

      assertThat(verified.bodyKeyBits()).hasValue(128);
    }
  }

  @Test
  void body_that_does_not_decode_decrypt_or_unpad_is_common_unauthorized() throws Exception {
    byte[] keyAndIv = new byte[32];
    Arrays.fill(keyAndIv, (byte) 7);
    VerifiedHeader verified = verifier.verify(sealer.encryptHeader(HeaderJson.write(PASSWORD,
        Long.toString(TestKeys.NOW + 5), URI, keyAndIv)), URI, PASSWORD);
    String good = BodyCipher.fromKeys(keyAndIv).encrypt("{\"a\":1}".getBytes(
        StandardCharsets.UTF_8));

    for (String body : new String[] {"%%%", "", "QUJD", encode(new byte[15]),
        encode(Arrays.copyOf(decode(good), 17)), badPadding(keyAndIv, 0x00),
        badPadding(keyAndIv, 0x11), badPadding(keyAndIv, 0x02)}) {
      AuthException e = catchThrowableOfType(AuthException.class,
          () -> verifier.decryptBody(verified, body));

      assertThat(e).as("body %s", body).isNotNull();
      assertThat(e.failure().errCode()).isEqualTo("Common.Unauthorized");
      assertThat(e.failure().legacyCode()).isEqualTo(10008);
    }
    assertThat(verifier.decryptBody(verified, good)).isEqualTo("{\"a\":1}".getBytes(
        StandardCharsets.UTF_8));
  }

  /** One block whose plaintext ends in {@code last}, after a 0x03 (so 0x02 is inconsistent). */
  private static String badPadding(byte[] keyAndIv, int last) throws Exception {
    byte[] block = new byte[16];
    block[14] = 3;
    block[15] = (byte) last;
    Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOf(keyAndIv, 16), "AES"),
        new IvParameterSpec(Arrays.copyOfRange(keyAndIv, 16, 32)));
    return encode(aes.doFinal(block));
  }

  @Test
  void body_under_a_header_without_keys_is_common_unauthorized() throws AuthException {
    String doc = "{\"auth\":\"\",\"uri\":\"/x\"}";
    VerifiedHeader verified = verifier.verify(
        sealer.encryptHeader(doc.getBytes(StandardCharsets.UTF_8)), "/x", "");

    AuthException e = catchThrowableOfType(AuthException.class,
        () -> verifier.decryptBody(verified, encode(new byte[16])));

    assertThat(verified.bodyKeyBits()).isEmpty();
    assertThat(e.failure()).isEqualTo(AuthFailure.BODY_UNDECRYPTABLE);
  }

  private String validHeader() {
    return sealer.seal(HeaderKind.AGENT, PASSWORD, URI, Optional.empty()).headerValue();
  }

  private void assertRefused(String header, String uri, String password, String errCode) {
    AuthException e = catchThrowableOfType(AuthException.class,
        () -> verifier.verify(header, uri, password));

    assertThat(e).as("refusal expected for uri %s", uri).isNotNull();
    assertThat(e.failure().errCode()).isEqualTo(errCode);
    assertThat(e.getMessage()).doesNotContain(password.isEmpty() ? "\u0000" : password);
  }

  private static byte[] decode(String s) {
    return Base64.getDecoder().decode(s);
  }

  private static String encode(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
