package io.github.dagent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link GenericId} (PROTOCOL.md section 3): every id the server prints decodes
 * back to the same scope, agent and primary key and re-encodes to the same text, and no input
 * whatever makes {@link GenericId#parse} fail with anything but
 * {@link InvalidGenericIdException}.
 */
class GenericIdPropertiesTest {

  @Property
  void cluster_ids_round_trip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) {
    GenericId generic = GenericId.cluster(id);
    String text = generic.toString();

    GenericId parsed = GenericId.parse(text);

    assertThat(text).isEqualTo("1" + id);
    assertThat(parsed).isEqualTo(generic);
    assertThat(parsed.kind()).isEqualTo(GenericId.Kind.CLUSTER);
    assertThat(parsed.scope()).isEqualTo(Scope.CLUSTER);
    assertThat(parsed.agent()).isEmpty();
    assertThat(parsed.id()).isEqualTo(id);
  }

  @Property
  void ipv4_agent_ids_round_trip(
      @ForAll int address,
      @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) throws UnknownHostException {
    String ip = InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array())
        .getHostAddress();
    GenericId generic = GenericId.agent(new AgentAddress(ip, port), id);
    String text = generic.toString();

    GenericId parsed = GenericId.parse(text);

    assertThat(text).isEqualTo("2" + pad(Integer.toUnsignedString(address), 10)
        + pad(Integer.toString(port), 5) + id);
    assertThat(parsed).isEqualTo(generic);
    assertThat(parsed.kind()).isEqualTo(GenericId.Kind.AGENT_IPV4);
    assertThat(parsed.scope()).isEqualTo(Scope.AGENT);
    assertThat(parsed.agent()).contains(new AgentAddress(ip, port));
    assertThat(parsed.id()).isEqualTo(id);
    assertThat(parsed.toString()).isEqualTo(text);
  }

  @Property
  void ipv6_agent_ids_round_trip(
      @ForAll long high, @ForAll long low,
      @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) throws UnknownHostException {
    byte[] bytes = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    String ip = Inet6Address.getByAddress(null, bytes, -1).getHostAddress();
    boolean mapped = high == 0 && (low >>> 32) == 0xffffL;
    GenericId generic = GenericId.agent(new AgentAddress(ip, port), id);
    String text = generic.toString();

    GenericId parsed = GenericId.parse(text);

    assertThat(parsed).isEqualTo(generic);
    assertThat(parsed.toString()).isEqualTo(text);
    assertThat(parsed.id()).isEqualTo(id);
    assertThat(parsed.agent().orElseThrow().port()).isEqualTo(port);
    if (mapped) {
      // An IPv4-mapped agent address is encoded as the plain IPv4 agent (see GenericId).
      assertThat(parsed.kind()).isEqualTo(GenericId.Kind.AGENT_IPV4);
    } else {
      assertThat(parsed.kind()).isEqualTo(GenericId.Kind.AGENT_IPV6);
      assertThat(parsed.agent().orElseThrow().ip()).isEqualTo(ip);
      assertThat(text).isEqualTo("3" + pad(new BigInteger(1, bytes).toString(), 39)
          + pad(Integer.toString(port), 5) + id);
    }
  }

  @Property
  void well_formed_obproxy_ids_decode_as_obproxy_and_re_encode(
      @ForAll int address,
      @ForAll long high, @ForAll long low,
      @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) {
    String portDigits = pad(Integer.toString(port), 5);
    String v4 = "4" + pad(Integer.toUnsignedString(address), 10) + portDigits + id;
    BigInteger v6Address = new BigInteger(1,
        ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    String v6 = "5" + pad(v6Address.toString(), 39) + portDigits + id;

    GenericId parsedV4 = GenericId.parse(v4);
    GenericId parsedV6 = GenericId.parse(v6);

    assertThat(parsedV4.kind()).isEqualTo(GenericId.Kind.OBPROXY_IPV4);
    assertThat(parsedV4.kind().isObproxy()).isTrue();
    assertThat(parsedV4.toString()).isEqualTo(v4);
    assertThat(parsedV6.kind()).isEqualTo(GenericId.Kind.OBPROXY_IPV6);
    assertThat(parsedV6.kind().isObproxy()).isTrue();
    assertThat(parsedV6.toString()).isEqualTo(v6);
    assertThat(parsedV4.id()).isEqualTo(id);
    assertThat(parsedV6.id()).isEqualTo(id);
  }

  @Property
  void any_string_gives_a_canonical_id_or_the_invalid_id_error(
      @ForAll @StringLength(max = 80) String text) {
    parsesCanonicallyOrIsInvalid(text);
  }

  @Property
  void any_digit_string_gives_a_canonical_id_or_the_invalid_id_error(
      @ForAll @NumericChars @StringLength(max = 120) String text) {
    parsesCanonicallyOrIsInvalid(text);
  }

  @Property(tries = 3000)
  void digits_after_a_valid_prefix_give_a_canonical_id_or_the_invalid_id_error(
      @ForAll("prefixedDigits") String text) {
    parsesCanonicallyOrIsInvalid(text);
  }

  @Property
  void ids_that_overflow_int64_are_rejected(
      @ForAll @IntRange(min = 1, max = 5) int prefix,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long excess) {
    String overflow = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)
        .add(BigInteger.valueOf(excess)).toString();
    String agentPart = prefix == 1 ? "" : prefix % 2 == 0
        ? "2130706433" + "02886"
        : pad("1", 39) + "02886";

    assertThat(GenericId.parse(prefix + agentPart + Long.MAX_VALUE).id())
        .isEqualTo(Long.MAX_VALUE);
    assertInvalid(prefix + agentPart + overflow, "64-bit");
  }

  @Provide
  Arbitrary<String> prefixedDigits() {
    return Combinators.combine(
            Arbitraries.of("1", "2", "3", "4", "5"),
            Arbitraries.strings().numeric().ofMaxLength(70))
        .as(String::concat);
  }

  private static void parsesCanonicallyOrIsInvalid(String text) {
    GenericId parsed;
    try {
      parsed = GenericId.parse(text);
    } catch (InvalidGenericIdException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.TASK_GENERIC_ID_INVALID);
      assertThat(e.input()).isEqualTo(text);
      assertThat(e.getMessage()).startsWith("invalid generic id '");
      return;
    }
    assertThat(parsed.toString()).isEqualTo(text);
    assertThat(parsed.kind().ordinal() + 1).isEqualTo(text.charAt(0) - '0');
  }

  private static void assertInvalid(String text, String reason) {
    try {
      GenericId.parse(text);
    } catch (InvalidGenericIdException e) {
      assertThat(e.getMessage()).contains(reason);
      return;
    }
    throw new AssertionError("'" + text + "' was accepted");
  }

  static String pad(String digits, int width) {
    return "0".repeat(width - digits.length()) + digits;
  }
}
