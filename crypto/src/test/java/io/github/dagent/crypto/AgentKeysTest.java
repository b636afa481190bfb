package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentKeysTest {
  @TempDir
  Path dir;

  @Test
  void first_start_makes_a_2048_bit_key_file_with_mode_0600_and_restart_keeps_it()
      throws Exception {
    Path file = dir.resolve("conf/agent-key.pem");

    AgentKeys first = AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS);
    AgentKeys second = AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS);

    assertThat(first.modulusBits()).isEqualTo(2048);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(second.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void key_size_of_a_new_key_is_configurable() throws Exception {
    AgentKeys keys = AgentKeys.loadOrCreate(dir.resolve("k.pem"), 3072);

    assertThat(keys.modulusBits()).isEqualTo(3072);
    assertThatThrownBy(() -> AgentKeys.generate(1024)).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void key_file_readable_by_group_or_others_is_refused_naming_the_file() throws Exception {
    Path file = dir.resolve("open.pem");
    AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS);

    for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

      assertThatThrownBy(() -> AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600")
          .satisfies(e -> assertThat(((KeyFileException) e).file()).isEqualTo(file));
    }
  }

  @Test
  void unparsable_key_file_is_refused_naming_the_file() throws Exception {
    for (String content : new String[] {"", "garbage", "-----BEGIN RSA PRIVATE KEY-----\n!!\n"
        + "-----END RSA PRIVATE KEY-----\n", "-----BEGIN PUBLIC KEY-----\nAAAA\n"
        + "-----END PUBLIC KEY-----\n", "-----BEGIN RSA PRIVATE KEY-----\nMAA=\n"
        + "-----END RSA PRIVATE KEY-----\n"}) {
      Path file = dir.resolve("bad.pem");
      Files.writeString(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

      assertThatThrownBy(() -> AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS))
          .as("content %s", content)
          .isInstanceOf(KeyFileException.class).hasMessageContaining(file.toString());
    }
  }

  @Test
  void corrupted_key_whose_halves_disagree_is_refused_naming_the_file() throws Exception {
    var k = (java.security.interfaces.RSAPrivateCrtKey) TestKeys.rsa2048().privateKey();
    var corrupt = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(k.getModulus(),
        k.getPublicExponent(), k.getPrivateExponent().add(java.math.BigInteger.TWO),
        k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP().add(java.math.BigInteger.TWO),
        k.getPrimeExponentQ(), k.getCrtCoefficient());
    Path file = dir.resolve("corrupt.pem");
    Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(corrupt.getEncoded())
        + "\n-----END RSA PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS))
        .isInstanceOf(KeyFileException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("corrupted");
  }

  @Test
  void existing_1024_bit_pkcs1_key_loads_and_works() throws Exception {
    Path file = dir.resolve("old.pem");
    Files.writeString(file, KnownAnswerTest.read("rsa1024-pkcs1.pem"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    AgentKeys keys = AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS);
    SealedRequest sealed = RequestSealer.builder(keys.publicKeyBase64()).build()
        .seal(HeaderKind.AGENT, "p", "/u", Optional.of(new byte[] {1, 2}));
    HeaderVerifier verifier = HeaderVerifier.builder(keys).build();
    VerifiedHeader verified = verifier.verify(sealed.headerValue(), "/u", "p");

    assertThat(keys.modulusBits()).isEqualTo(1024);
    assertThat(verifier.decryptBody(verified, sealed.body().orElseThrow()))
        .containsExactly(1, 2);
  }

  @Test
  void pem_written_by_a_host_store_reads_back_to_the_same_keys() {
    AgentKeys keys = TestKeys.rsa2048();

    AgentKeys back = AgentKeys.fromPem(keys.privateKeyPem());

    assertThat(back.publicKeyBase64()).isEqualTo(keys.publicKeyBase64());
    assertThat(back.toString()).doesNotContain(keys.privateKeyPem().substring(40, 80));
  }

  @Test
  void key_pair_handed_in_must_be_rsa_matched_and_at_least_1024_bits() throws Exception {
    var ec = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
    var mixed = new java.security.KeyPair(TestKeys.rsa1024().publicKey(),
        TestKeys.rsa2048().privateKey());

    assertThatThrownBy(() -> AgentKeys.fromKeyPair(ec))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AgentKeys.fromKeyPair(mixed))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void client_refuses_a_public_key_that_is_not_one() {
    assertThatThrownBy(() -> RequestSealer.builder("***"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestSealer.builder("AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void client_accepts_an_x509_public_key_too() throws AuthException {
    AgentKeys keys = TestKeys.rsa1024();
    String x509 = java.util.Base64.getEncoder().encodeToString(keys.publicKey().getEncoded());

    String header = RequestSealer.builder(x509).build()
        .seal(HeaderKind.AGENT, "", "/u", Optional.empty()).headerValue();

    assertThat(HeaderVerifier.builder(keys).build().verify(header, "/u", "")).isNotNull();
  }
}
