package io.github.dagent.model;

import static io.github.dagent.model.GenericIdPropertiesTest.pad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Worked examples of {@link GenericId} (PROTOCOL.md section 3, FIELD-CASES FC-19). */
class GenericIdTest {
  private static final String LOOPBACK_2886 = "2130706433" + "02886";

  @Test
  void protocol_example_agent_10_0_0_5_port_2886_dag_7() {
    GenericId id = GenericId.agent(new AgentAddress("10.0.0.5", 2886), 7);

    assertThat(id.toString()).isEqualTo("2" + "0167772165" + "02886" + "7");
  }

  @Test
  void generic_id_logged_in_the_seed_sample_decodes_to_the_loopback_agent() {
    GenericId id = GenericId.parse("22130706433028869");

    assertThat(id.kind()).isEqualTo(GenericId.Kind.AGENT_IPV4);
    assertThat(id.agent()).contains(new AgentAddress("127.0.0.1", 2886));
    assertThat(id.id()).isEqualTo(9);
  }

  @Test
  void cluster_dag_1_is_11_and_id_0_is_10() {
    assertThat(GenericId.cluster(1).toString()).isEqualTo("11");
    assertThat(GenericId.parse("10").id()).isZero();
    assertThat(GenericId.of(Scope.CLUSTER, new AgentAddress("127.0.0.1", 1), 5).toString())
        .isEqualTo("15");
  }

  @Test
  void ipv6_agent_is_prefix_3_with_39_address_digits() {
    GenericId id = GenericId.agent(new AgentAddress("::1", 2886), 3);

    assertThat(id.toString()).isEqualTo("3" + pad("1", 39) + "02886" + "3");
    assertThat(GenericId.parse(id.toString())).isEqualTo(id);
    assertThat(id.agent().orElseThrow().ip()).isEqualTo("0:0:0:0:0:0:0:1");
  }

  @Test
  void ipv4_mapped_prefix_3_id_round_trips_in_ipv6_form() {
    BigInteger mapped = BigInteger.valueOf(0xffffL).shiftLeft(32).add(BigInteger.valueOf(
        0x7f000001L));
    String text = "3" + pad(mapped.toString(), 39) + "02886" + "4";

    GenericId id = GenericId.parse(text);

    assertThat(id.kind()).isEqualTo(GenericId.Kind.AGENT_IPV6);
    assertThat(id.agent().orElseThrow().ip()).isEqualTo("0:0:0:0:0:ffff:7f00:1");
    assertThat(id.toString()).isEqualTo(text);
  }

  @Test
  void ipv4_mapped_agent_address_is_encoded_as_the_ipv4_agent() {
    GenericId id = GenericId.agent(new AgentAddress("::ffff:127.0.0.1", 2886), 9);

    assertThat(id.toString()).isEqualTo("22130706433028869");
  }

  @Test
  void obproxy_prefixes_4_and_5_decode_with_their_kind() {
    GenericId v4 = GenericId.parse("4" + LOOPBACK_2886 + "12");
    GenericId v6 = GenericId.parse("5" + pad("1", 39) + "02886" + "12");

    assertThat(v4.kind()).isEqualTo(GenericId.Kind.OBPROXY_IPV4);
    assertThat(v4.agent()).contains(new AgentAddress("127.0.0.1", 2886));
    assertThat(v6.kind()).isEqualTo(GenericId.Kind.OBPROXY_IPV6);
    assertThat(v6.kind().isObproxy()).isTrue();
    assertThat(GenericId.Kind.AGENT_IPV4.isObproxy()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"11", "19223372036854775807", "22130706433028869",
      "242949672950000112", "4213070643302886" + "0"})
  void accepted_ids_print_back_unchanged(String text) {
    assertThat(GenericId.parse(text).toString()).isEqualTo(text);
  }

  @Test
  void empty_and_null_are_invalid() {
    assertInvalid("", "it is empty");
    assertInvalid(null, "it is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x1", "-5", " 11", "11 ", "1.5", "1e3", "+11", "\uff11\uff11",
      "\u0661\u0661"})
  void non_digits_are_invalid(String text) {
    assertInvalid(text, "only digits");
  }

  @ParameterizedTest
  @ValueSource(strings = {"6123", "0123", "9", "71"})
  void a_first_digit_other_than_1_to_5_is_invalid(String text) {
    assertInvalid(text, "first digit must be 1 to 5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2", "3", "4", "5", "2213070643302886", "221307064330288"})
  void too_short_to_hold_an_id_is_invalid(String text) {
    assertInvalid(text, "too short");
  }

  @Test
  void ipv6_id_with_address_and_port_but_no_id_is_too_short() {
    assertInvalid("3" + pad("1", 39) + "02886", "too short");
    assertInvalid("5" + pad("1", 39), "too short");
  }

  @Test
  void sixty_digit_number_is_invalid_as_it_overflows_int64() {
    String sixty = "1" + "2".repeat(59);

    assertThat(sixty).hasSize(60);
    assertInvalid(sixty, "does not fit a signed 64-bit integer");
  }

  @Test
  void ids_one_past_int64_are_invalid() {
    assertInvalid("19223372036854775808", "64-bit");
    assertInvalid("2" + LOOPBACK_2886 + "9223372036854775808", "64-bit");
    assertInvalid("1" + "9".repeat(19), "64-bit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"101", "100", "2" + LOOPBACK_2886 + "07"})
  void leading_zero_in_the_id_part_is_invalid(String text) {
    assertInvalid(text, "leading zero");
  }

  @Test
  void ipv4_address_above_2_pow_32_minus_1_is_invalid() {
    assertThat(GenericId.parse("2" + "4294967295" + "02886" + "1").agent().orElseThrow().ip())
        .isEqualTo("255.255.255.255");

    assertInvalid("2" + "4294967296" + "02886" + "1", "address does not decode");
    assertInvalid("4" + "9999999999" + "02886" + "1", "address does not decode");
  }

  @Test
  void ipv6_address_above_2_pow_128_minus_1_is_invalid() {
    String limit = BigInteger.ONE.shiftLeft(128).toString();

    assertThat(limit).hasSize(39);
    assertInvalid("3" + limit + "02886" + "1", "address does not decode");
    assertInvalid("5" + "9".repeat(39) + "02886" + "1", "address does not decode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"00000", "99999", "65536"})
  void port_outside_1_to_65535_is_invalid(String port) {
    assertInvalid("2" + "2130706433" + port + "1", "port is outside 1..65535");
    assertInvalid("3" + pad("1", 39) + port + "1", "port is outside 1..65535");
  }

  @Test
  void long_input_is_abbreviated_in_the_message_but_kept_whole() {
    String text = "x".repeat(500);

    assertThatThrownBy(() -> GenericId.parse(text))
        .isInstanceOfSatisfying(InvalidGenericIdException.class, e -> {
          assertThat(e.input()).isEqualTo(text);
          assertThat(e.getMessage()).hasSizeLessThan(140).contains("...");
        });
  }

  @Test
  void control_characters_of_the_input_never_reach_the_message() {
    String text = "1\n2025-01-01 INFO forged line\r\u0000";

    assertThatThrownBy(() -> GenericId.parse(text))
        .isInstanceOfSatisfying(InvalidGenericIdException.class, e -> {
          assertThat(e.input()).isEqualTo(text);
          assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u0000")
              .contains("1?2025-01-01 INFO forged line??");
        });
  }

  @Test
  void encoding_a_host_name_is_refused_without_resolving_it() {
    for (String ip : new String[] {"localhost", "example.invalid", "1.2.3", "1..2.3",
        "256.1.1.1", "g::1", "[::1]"}) {
      assertThatThrownBy(() -> GenericId.agent(new AgentAddress(ip, 2886), 1))
          .as(ip)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an IP literal");
    }
  }

  @Test
  void negative_primary_key_is_refused_when_encoding() {
    assertThatThrownBy(() -> GenericId.cluster(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void with_id_keeps_kind_and_agent_and_equals_a_fresh_encoding() {
    AgentAddress v4 = new AgentAddress("10.0.0.5", 2886);
    AgentAddress v6 = new AgentAddress("2001:db8::7", 65535);

    assertThat(GenericId.agent(v4, 7).withId(42)).isEqualTo(GenericId.agent(v4, 42))
        .hasToString(GenericId.agent(v4, 42).toString());
    assertThat(GenericId.agent(v6, 1).withId(9).toString())
        .isEqualTo(GenericId.agent(v6, 9).toString());
    assertThat(GenericId.parse("11").withId(19)).hasToString("119");
    assertThat(GenericId.parse("2016777216502886" + "7").withId(8).toString())
        .isEqualTo("2016777216502886" + "8");
  }

  private static void assertInvalid(String text, String reason) {
    assertThatThrownBy(() -> GenericId.parse(text))
        .isInstanceOfSatisfying(InvalidGenericIdException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TASK_GENERIC_ID_INVALID);
          assertThat(e.code().httpStatus()).isEqualTo(400);
          assertThat(e.input()).isEqualTo(text == null ? "null" : text);
          assertThat(e.getMessage()).contains(reason);
        });
  }
}
