package io.github.dagent.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Headers and bodies made and opened with the JDK's own Cipher, written here step by step,
 * against our decoder and encoder: a bug shared by both sides of our code cannot hide.
 */
class JdkCipherCrossCheckTest {
  private static final String URI = "/api/v1/task/dag/42?a=1&b=2";
  private final AgentKeys keys = TestKeys.rsa2048();

  @Test
  void header_and_body_made_by_jdk_cipher_open_with_our_verifier() throws Exception {
    byte[] aesKey = bytes(32, 1);
    byte[] iv = bytes(16, 99);
    String doc = "{\"auth\":\"secret\",\"ts\":\"" + (TestKeys.NOW + 5) + "\",\"uri\":\"" + URI
        + "\",\"keys\":\"" + Base64.getEncoder().encodeToString(concat(aesKey, iv)) + "\"}";
    String header = jdkEncryptHeader(doc.getBytes(StandardCharsets.UTF_8), 53);
    byte[] body = "{\"operator\":\"RETRY\"}".getBytes(StandardCharsets.UTF_8);
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
    String bodyText = Base64.getEncoder().encodeToString(aes.doFinal(body));
    HeaderVerifier verifier = HeaderVerifier.builder(keys).clock(TestKeys.CLOCK).build();

    VerifiedHeader verified = verifier.verify(header, URI, "secret");

    assertThat(verified.bodyKeyBits()).hasValue(256);
    assertThat(verifier.decryptBody(verified, bodyText)).isEqualTo(body);
  }

  @Test
  void header_and_body_made_by_our_sealer_open_with_jdk_cipher() throws Exception {
    RequestSealer sealer = RequestSealer.builder(keys.publicKeyBase64()).clock(TestKeys.CLOCK)
        .chunking(HeaderChunking.modulusMinus11()).build();
    byte[] body = bytes(1000, 7);

    SealedRequest sealed = sealer.seal(HeaderKind.CLUSTER, "root-pw", URI, Optional.of(body));

    JsonNode doc = new ObjectMapper().readTree(jdkDecryptHeader(sealed.headerValue()));
    assertThat(doc.get("auth").textValue()).isEqualTo("root-pw");
    assertThat(doc.get("uri").textValue()).isEqualTo(URI);
    assertThat(doc.get("ts").textValue()).isEqualTo(Long.toString(TestKeys.NOW + 5));
    byte[] keyAndIv = Base64.getDecoder().decode(doc.get("keys").textValue());
    assertThat(keyAndIv).hasSize(32);
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOf(keyAndIv, 16), "AES"),
        new IvParameterSpec(Arrays.copyOfRange(keyAndIv, 16, 32)));
    assertThat(aes.doFinal(Base64.getDecoder().decode(sealed.body().orElseThrow())))
        .isEqualTo(body);
    assertThat(sealed.headerName()).isEqualTo("X-OCS-Header");
  }

  @Test
  void published_public_key_is_the_pkcs1_structure_of_the_jdk_key() throws Exception {
    byte[] der = Base64.getDecoder().decode(keys.publicKeyBase64());

    // PKCS#1 RSAPublicKey = SEQUENCE { modulus, publicExponent }: no algorithm identifier.
    org.bouncycastle.asn1.pkcs.RSAPublicKey parsed =
        org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
    RSAPublicKey rebuilt = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
        new RSAPublicKeySpec(parsed.getModulus(), parsed.getPublicExponent()));
    assertThat(rebuilt).isEqualTo(keys.publicKey());
    assertThat(der).isNotEqualTo(keys.publicKey().getEncoded());
  }

  private String jdkEncryptHeader(byte[] doc, int chunk) throws GeneralSecurityException {
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.ENCRYPT_MODE, keys.publicKey());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < doc.length; off += chunk) {
      out.writeBytes(rsa.doFinal(doc, off, Math.min(chunk, doc.length - off)));
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private byte[] jdkDecryptHeader(String header) throws GeneralSecurityException {
    byte[] all = Base64.getDecoder().decode(header);
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.DECRYPT_MODE, keys.privateKey());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < all.length; off += 256) {
      out.writeBytes(rsa.doFinal(all, off, 256));
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i * 13);
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
