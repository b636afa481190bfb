package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors made once by OpenSSL (see src/test/resources/kat/README.md). PKCS#1 v1.5 encryption
 * is randomized, so the answers are checked in the decrypt direction: our decoder opens what
 * OpenSSL sealed.
 */
class KnownAnswerTest {
  private static final String URI = "/api/v1/task/dag/11?detail=true";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "rsa1024-pkcs1, header-rsa1024-chunk53.b64, body-aes128.b64, 128",
      "rsa1024-pkcs1, header-rsa1024-chunk117.b64, body-aes256.b64, 256",
      "rsa2048-pkcs8, header-rsa2048-chunk53.b64, body-aes256.b64, 256",
      "rsa2048-pkcs8, header-rsa2048-chunk245.b64, body-aes128.b64, 128"})
  void openssl_header_and_body_decrypt_to_the_known_plaintext(String key, String header,
      String body, int aesBits) throws Exception {
    AgentKeys keys = AgentKeys.fromPem(read(key + ".pem"));
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK).build();

    VerifiedHeader verified = verifier.verify(read(header).strip(), URI, "kat-password");

    assertThat(verified.bodyKeyBits()).hasValue(aesBits);
    assertThat(verified.validUntil()).map(i -> i.getEpochSecond()).hasValue(1_700_000_060L);
    assertThat(new String(verifier.decryptBody(verified, read(body)), StandardCharsets.UTF_8))
        .isEqualTo(read("body.json"));
  }

  @ParameterizedTest
  @CsvSource({"rsa1024-pkcs1", "rsa2048-pkcs8"})
  void public_key_export_equals_openssl_rsapublickey_der(String key) throws IOException {
    AgentKeys keys = AgentKeys.fromPem(read(key + ".pem"));

    assertThat(keys.publicKeyBase64()).isEqualTo(read(key + ".pub.b64").strip());
  }

  @ParameterizedTest
  @CsvSource({"rsa1024-pkcs1", "rsa2048-pkcs8"})
  void decoded_openssl_header_holds_the_document_openssl_encrypted(String key) throws Exception {
    AgentKeys keys = AgentKeys.fromPem(read(key + ".pem"));
    String chunk53 = key.startsWith("rsa1024") ? "header-rsa1024-chunk53.b64"
        : "header-rsa2048-chunk53.b64";
    String doc = key.startsWith("rsa1024") ? "header-aes128.json" : "header-aes256.json";

    byte[] plain = RsaBlocks.decrypt(keys.privateKey(),
        java.util.Base64.getDecoder().decode(read(chunk53).strip()));

    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(read(doc));
  }

  static String read(String name) throws IOException {
    try (InputStream in = KnownAnswerTest.class.getResourceAsStream("/kat/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource kat/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
