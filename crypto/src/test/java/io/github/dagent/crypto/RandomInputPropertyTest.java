package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Random input reaches only the typed refusal, never an unchecked exception. */
class RandomInputPropertyTest {
  private static final HeaderVerifier VERIFIER = HeaderVerifier.builder(TestKeys.rsa1024())
      .clock(TestKeys.CLOCK).build();
  private static final RequestSealer SEALER =
      RequestSealer.builder(TestKeys.rsa1024().publicKeyBase64()).clock(TestKeys.CLOCK).build();

  @Property(tries = 300)
  void random_base64_of_random_bytes_is_a_typed_refusal(@ForAll @Size(max = 600) byte[] bytes) {
    assertTypedRefusal(Base64.getEncoder().encodeToString(bytes));
  }

  @Property(tries = 300)
  void random_whole_blocks_are_a_typed_refusal(@ForAll("blocks") byte[] bytes) {
    assertTypedRefusal(Base64.getEncoder().encodeToString(bytes));
  }

  @Property(tries = 300)
  void random_text_is_a_typed_refusal(@ForAll @StringLength(max = 400) String text) {
    assertTypedRefusal(text);
  }

  @Property(tries = 500)
  void random_decrypted_documents_parse_or_are_a_typed_refusal(
      @ForAll @Size(max = 300) byte[] plaintext) {
    try {
      HeaderJson.parse(plaintext);
    } catch (AuthException e) {
      assertThat(e.failure()).isEqualTo(AuthFailure.DECRYPT_FAILED);
    }
  }

  @Property(tries = 200)
  void random_json_documents_sealed_with_the_key_are_accepted_or_typed(
      @ForAll("documents") String document) {
    String header = SEALER.encryptHeader(document.getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    try {
      VERIFIER.verify(header, "/u", "pw");
    } catch (AuthException e) {
      assertThat(e.failure()).isNotNull();
    }
  }

  @Property(tries = 300)
  void random_body_text_is_decrypted_or_common_unauthorized(
      @ForAll @StringLength(max = 200) String text, @ForAll @Size(max = 100) byte[] bytes)
      throws AuthException {
    SealedRequest sealed = SEALER.seal(HeaderKind.AGENT, "pw", "/u", Optional.empty());
    VerifiedHeader verified = VERIFIER.verify(sealed.headerValue(), "/u", "pw");

    for (String body : new String[] {text, Base64.getEncoder().encodeToString(bytes)}) {
      try {
        VERIFIER.decryptBody(verified, body);
      } catch (AuthException e) {
        assertThat(e.failure().errCode()).isEqualTo("Common.Unauthorized");
      }
    }
  }

  @Property(tries = 100)
  void random_passwords_and_uris_round_trip(@ForAll @StringLength(max = 80) String password,
      @ForAll @StringLength(min = 1, max = 200) String uri, @ForAll @Size(max = 2000) byte[] body)
      throws AuthException {
    SealedRequest sealed = SEALER.seal(HeaderKind.AGENT, password, uri, Optional.of(body));

    VerifiedHeader verified = VERIFIER.verify(sealed.headerValue(), uri, password);

    assertThat(verified.uri()).isEqualTo(uri);
    assertThat(VERIFIER.decryptBody(verified, sealed.body().orElseThrow())).isEqualTo(body);
  }

  @Provide
  Arbitrary<byte[]> blocks() {
    return Arbitraries.integers().between(1, 4).flatMap(n ->
        Arbitraries.bytes().array(byte[].class).ofSize(n * 128));
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> name = Arbitraries.of("auth", "AUTH", "ts", "Ts", "uri", "URI", "keys",
        "x", "token");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "")
            .replace("\"", "") + "\""),
        Arbitraries.of("null", "1", "-1", "1.5", "true", "[]", "{}", "\"/u\"", "\"pw\"",
            "\"" + (TestKeys.NOW + 5) + "\"", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""));
    return Arbitraries.entries(name, value).list().ofMaxSize(6).map(entries -> {
      StringBuilder doc = new StringBuilder("{");
      entries.forEach(e -> doc.append(doc.length() > 1 ? "," : "").append('"').append(e.getKey())
          .append("\":").append(e.getValue()));
      return doc.append('}').toString();
    });
  }

  private static void assertTypedRefusal(String headerValue) {
    try {
      VERIFIER.verify(headerValue, "/u", "pw");
    } catch (AuthException e) {
      assertThat(e.failure()).isEqualTo(AuthFailure.DECRYPT_FAILED);
      return;
    }
    throw new AssertionError("random input was accepted");
  }
}
