package io.github.dagent.crypto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header document's JSON: {@code {"auth", "ts", "uri", "keys"}}.
 *
 * <p>Reading follows what OBShell's Go server accepts: field names match case-insensitively,
 * unknown fields are ignored, a JSON {@code null} counts as absent, and an integral number is
 * accepted for {@code ts} as well as a string. Stricter than Go on purpose: two fields whose
 * names differ only in case, or any repeated name, make the document ambiguous and are
 * refused, as is anything after the closing brace. Thread-safe.
 */
final class HeaderJson {
  private static final Set<String> KNOWN = Set.of("auth", "ts", "uri", "keys");
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private HeaderJson() {
  }

  /**
   * Writes a document.
   *
   * @param auth the password
   * @param ts the expiry text
   * @param uri the path and query
   * @param keyAndIv the AES key followed by the IV
   * @return the UTF-8 JSON bytes, field names in lower case
   */
  static byte[] write(String auth, String ts, String uri, byte[] keyAndIv) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("auth", auth);
    doc.put("ts", ts);
    doc.put("uri", uri);
    doc.put("keys", Base64.getEncoder().encodeToString(keyAndIv));
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a header document", e);
    }
  }

  /**
   * Reads a decrypted document.
   *
   * @param plaintext the decrypted bytes
   * @return the fields
   * @throws AuthException {@link AuthFailure#DECRYPT_FAILED} when the bytes are not one JSON
   *     object, a field repeats, a text field is not a string, or {@code keys} is not base64
   *     of 32 or 48 bytes
   */
  static HeaderFields parse(byte[] plaintext) throws AuthException {
    Map<String, JsonNode> fields = readFields(plaintext);
    String auth = text(fields.get("auth"), "auth");
    String uri = text(fields.get("uri"), "uri");
    String ts = tsText(fields.get("ts"));
    String keys = text(fields.get("keys"), "keys");
    return new HeaderFields(auth, ts, uri, keys.isEmpty() ? Optional.empty()
        : Optional.of(bodyCipher(keys)));
  }

  private static Map<String, JsonNode> readFields(byte[] plaintext) throws AuthException {
    JsonNode root;
    try {
      root = MAPPER.readTree(plaintext);
    } catch (IOException | RuntimeException e) {
      throw failure("the decrypted header is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw failure("the decrypted header is not a JSON object");
    }
    Map<String, JsonNode> fields = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String name = field.getKey().toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(name)) {
        continue;
      }
      if (fields.put(name, field.getValue()) != null) {
        throw failure("the header names field '" + name + "' twice (names ignore case)");
      }
    }
    return fields;
  }

  private static String text(JsonNode node, String name) throws AuthException {
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw failure("the header field '" + name + "' is not a string");
    }
    return node.textValue();
  }

  /** A non-text {@code ts} keeps its JSON spelling, which then fails the timestamp check. */
  private static String tsText(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  private static BodyCipher bodyCipher(String keys) throws AuthException {
    try {
      return BodyCipher.fromKeys(Base64.getDecoder().decode(keys));
    } catch (IllegalArgumentException e) {
      throw failure("the header field 'keys' is not base64 of a 16- or 32-byte AES key"
          + " followed by a 16-byte IV");
    }
  }

  private static AuthException failure(String what) {
    return new AuthException(AuthFailure.DECRYPT_FAILED, what
        + "; send the JSON document {auth, ts, uri, keys} encrypted with the agent's key");
  }
}
