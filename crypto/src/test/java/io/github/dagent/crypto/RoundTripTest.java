package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
  private static final int[] BODY_SIZES = {0, 1, 15, 16, 17, 4096, 1 << 20};

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (int bits : new int[] {1024, 2048, 4096}) {
      for (String chunking : new String[] {"53", "modulus-11"}) {
        for (AesKeySize aes : AesKeySize.values()) {
          all.add(Arguments.of(bits, chunking, aes));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "rsa{0} chunk {1} {2}")
  @MethodSource("combinations")
  void sealed_header_and_body_verify_and_decrypt(int bits, String chunking, AesKeySize aes)
      throws AuthException {
    AgentKeys keys = TestKeys.ofBits(bits);
    RequestSealer sealer = RequestSealer.builder(keys.publicKeyBase64()).clock(TestKeys.CLOCK)
        .aesKeySize(aes).chunking(chunking.equals("53") ? HeaderChunking.pythonSdk()
            : HeaderChunking.modulusMinus11()).build();
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK).build();
    Random random = new Random(bits * 31L + aes.ordinal());

    for (int size : BODY_SIZES) {
      byte[] body = new byte[size];
      random.nextBytes(body);
      String uri = "/api/v1/task/dag/" + size + "?detail=true&size=" + size;
      SealedRequest sealed = sealer.seal(HeaderKind.AGENT, "pw-" + size, uri, Optional.of(body));

      VerifiedHeader verified = verifier.verify(sealed.headerValue(), uri, "pw-" + size);

      assertThat(verified.uri()).isEqualTo(uri);
      assertThat(verified.bodyKeyBits()).hasValue(aes.keyBytes() * 8);
      assertThat(verifier.decryptBody(verified, sealed.body().orElseThrow())).isEqualTo(body);
    }
  }

  @ParameterizedTest(name = "rsa{0}")
  @MethodSource("keySizes")
  void every_block_is_the_modulus_length_whatever_the_chunk(int bits) {
    AgentKeys keys = TestKeys.ofBits(bits);
    String longUri = "/api/v1/task/dag/1?" + "q=x&".repeat(100);

    for (HeaderChunking chunking : List.of(HeaderChunking.pythonSdk(),
        HeaderChunking.modulusMinus11(), HeaderChunking.fixed(1))) {
      String header = RequestSealer.builder(keys.publicKeyBase64()).chunking(chunking).build()
          .seal(HeaderKind.AGENT, "p", longUri, Optional.empty()).headerValue();

      assertThat(java.util.Base64.getDecoder().decode(header).length % (bits / 8)).isZero();
    }
  }

  static Stream<Integer> keySizes() {
    return Stream.of(1024, 2048);
  }
}
