package io.github.dagent.model;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * The id of a dag, node or sub-task as clients see it: a prefix digit that says where the
 * object lives, the agent's address for agent-scoped objects, then the decimal primary key.
 *
 * <ul>
 *   <li>{@code 1} + id: cluster scope ({@code "11"} is dag 1);
 *   <li>{@code 2} + IPv4 as a 10-digit unsigned integer + 5-digit port + id: agent scope;
 *   <li>{@code 3} + IPv6 as a 39-digit unsigned integer + 5-digit port + id: agent scope;
 *   <li>{@code 4} and {@code 5}: obproxy tasks, laid out like 2 and 3.
 * </ul>
 *
 * <p>Only canonical text is accepted (no leading zero in the id part), so that
 * {@code parse(x).toString().equals(x)} holds for every accepted {@code x}. A "3" id whose
 * address is IPv4-mapped ({@code ::ffff:a.b.c.d}) decodes to that IPv6 form and encodes back
 * to the same 39 digits; an agent whose configured ip is IPv4-mapped is encoded as the plain
 * IPv4 agent (prefix "2"), as Go's {@code To4()} sees it.
 *
 * <p>Addresses are handled as literals only: nothing here ever resolves a host name.
 * Immutable and thread-safe.
 */
public final class GenericId {
  private static final BigInteger IPV4_LIMIT = BigInteger.ONE.shiftLeft(32);
  private static final BigInteger IPV6_LIMIT = BigInteger.ONE.shiftLeft(128);

  private final Kind kind;
  private final AgentAddress agent;
  private final long id;
  /** Everything before the id digits, encoded once: an agent's ids share it. */
  private final String prefix;

  /** What the prefix digit says. */
  public enum Kind {
    CLUSTER('1', 0),
    AGENT_IPV4('2', 10),
    AGENT_IPV6('3', 39),
    OBPROXY_IPV4('4', 10),
    OBPROXY_IPV6('5', 39);

    private final char prefix;
    private final int addressDigits;

    Kind(char prefix, int addressDigits) {
      this.prefix = prefix;
      this.addressDigits = addressDigits;
    }

    /** True for the obproxy kinds, which dagent never serves. */
    public boolean isObproxy() {
      return this == OBPROXY_IPV4 || this == OBPROXY_IPV6;
    }
  }

  private GenericId(Kind kind, AgentAddress agent, long id, String prefix) {
    this.kind = kind;
    this.agent = agent;
    this.id = id;
    this.prefix = prefix;
  }

  /**
   * @param id a primary key, not negative
   * @return the cluster-scope id
   */
  public static GenericId cluster(long id) {
    return new GenericId(Kind.CLUSTER, null, requireId(id), "1");
  }

  /**
   * @param agent the agent the object lives on; its ip must be an IPv4 or IPv6 literal
   * @param id a primary key, not negative
   * @return the agent-scope id
   * @throws IllegalArgumentException if the ip is not an IPv4 dotted quad or an IPv6 literal
   */
  public static GenericId agent(AgentAddress agent, long id) {
    Objects.requireNonNull(agent, "agent");
    InetAddress address = literal(agent.ip());
    Kind kind = address instanceof Inet4Address ? Kind.AGENT_IPV4 : Kind.AGENT_IPV6;
    AgentAddress canonical = new AgentAddress(address.getHostAddress(), agent.port());
    BigInteger number = new BigInteger(1, addressBytes(canonical.ip(), kind.addressDigits));
    String prefix = kind.prefix + pad(number.toString(), kind.addressDigits)
        + pad(Integer.toString(agent.port()), 5);
    return new GenericId(kind, canonical, requireId(id), prefix);
  }

  /**
   * @param scope the object's scope
   * @param agent the agent it lives on (used for agent scope only)
   * @param id a primary key
   * @return the id the object is shown under
   */
  public static GenericId of(Scope scope, AgentAddress agent, long id) {
    return scope == Scope.CLUSTER ? cluster(id) : agent(agent, id);
  }

  /**
   * Decodes a generic id.
   *
   * @param text what a client sent, may be null
   * @return the decoded id
   * @throws InvalidGenericIdException for anything that is not a canonical generic id; never
   *     any other exception
   */
  public static GenericId parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidGenericIdException(String.valueOf(text), "it is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidGenericIdException(text, "only digits are allowed");
      }
    }
    Kind kind = kindOf(text);
    int idStart = kind == Kind.CLUSTER ? 1 : 1 + kind.addressDigits + 5;
    if (text.length() <= idStart) {
      throw new InvalidGenericIdException(text, "too short to hold an id after its prefix");
    }
    long id = parseId(text, text.substring(idStart));
    AgentAddress agent = kind == Kind.CLUSTER ? null : parseAgent(text, kind);
    return new GenericId(kind, agent, id, text.substring(0, idStart));
  }

  /**
   * The id of another object that lives where this one does: same kind and agent, another
   * primary key. Cheaper than building it anew, since the address is encoded once.
   *
   * @param otherId a primary key, not negative
   * @return the id of that object
   */
  public GenericId withId(long otherId) {
    return new GenericId(kind, agent, requireId(otherId), prefix);
  }

  /** What the prefix says this id is. */
  public Kind kind() {
    return kind;
  }

  /** The primary key. */
  public long id() {
    return id;
  }

  /** The agent for agent and obproxy ids; empty for cluster ids. */
  public Optional<AgentAddress> agent() {
    return Optional.ofNullable(agent);
  }

  /** The scope of a non-obproxy id. */
  public Scope scope() {
    return kind == Kind.CLUSTER ? Scope.CLUSTER : Scope.AGENT;
  }

  /** The canonical text. */
  @Override
  public String toString() {
    return prefix + id;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GenericId that
        && kind == that.kind && id == that.id && Objects.equals(agent, that.agent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, agent, id);
  }

  private static Kind kindOf(String text) {
    for (Kind kind : Kind.values()) {
      if (kind.prefix == text.charAt(0)) {
        return kind;
      }
    }
    throw new InvalidGenericIdException(text, "the first digit must be 1 to 5");
  }

  private static long parseId(String text, String digits) {
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new InvalidGenericIdException(text, "the id part has a leading zero");
    }
    if (digits.length() > 19) {
      throw new InvalidGenericIdException(text, "the id does not fit a signed 64-bit integer");
    }
    BigInteger value = new BigInteger(digits);
    if (value.bitLength() > 63) {
      throw new InvalidGenericIdException(text, "the id does not fit a signed 64-bit integer");
    }
    return value.longValue();
  }

  private static AgentAddress parseAgent(String text, Kind kind) {
    BigInteger address = new BigInteger(text.substring(1, 1 + kind.addressDigits));
    BigInteger limit = kind.addressDigits == 10 ? IPV4_LIMIT : IPV6_LIMIT;
    if (address.compareTo(limit) >= 0) {
      throw new InvalidGenericIdException(text, "the agent address does not decode");
    }
    int port = Integer.parseInt(text.substring(1 + kind.addressDigits, 6 + kind.addressDigits));
    if (port < 1 || port > 65535) {
      throw new InvalidGenericIdException(text, "the agent port is outside 1..65535");
    }
    byte[] bytes = toBytes(address, kind.addressDigits == 10 ? 4 : 16);
    try {
      // Inet6Address keeps an IPv4-mapped address in IPv6 form, so it encodes back to "3...".
      InetAddress decoded = bytes.length == 4
          ? InetAddress.getByAddress(bytes)
          : Inet6Address.getByAddress(null, bytes, -1);
      return new AgentAddress(decoded.getHostAddress(), port);
    } catch (UnknownHostException e) {
      throw new InvalidGenericIdException(text, "the agent address does not decode");
    }
  }

  private static byte[] toBytes(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
    return bytes;
  }

  private static byte[] addressBytes(String ip, int addressDigits) {
    byte[] bytes = literal(ip).getAddress();
    if (addressDigits == 10 || bytes.length == 16) {
      return bytes;
    }
    // Java turns "::ffff:a.b.c.d" into an Inet4Address; put the mapped prefix back.
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(bytes, 0, mapped, 12, 4);
    return mapped;
  }

  /**
   * Reads an IP literal without ever resolving a name: a dotted quad is parsed here, and an
   * IPv6 literal is only handed to {@link InetAddress#getByName} when it starts the way the
   * JDK's literal parser requires (a hex digit or ':'), so that a malformed one fails instead
   * of becoming a DNS query.
   */
  private static InetAddress literal(String ip) {
    try {
      if (ip.indexOf(':') >= 0) {
        char first = ip.charAt(0);
        if (first == ':' || Character.digit(first, 16) >= 0) {
          return InetAddress.getByName(ip);
        }
      } else {
        byte[] quad = dottedQuad(ip);
        if (quad != null) {
          return InetAddress.getByAddress(quad);
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + ip + "' is not an IP literal", e);
    }
    throw new IllegalArgumentException("'" + ip + "' is not an IP literal");
  }

  private static byte[] dottedQuad(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = octet(parts[i]);
      if (octet < 0) {
        return null;
      }
      bytes[i] = (byte) octet;
    }
    return bytes;
  }

  /** The value of one to three ASCII digits up to 255, or -1. */
  private static int octet(String digits) {
    if (digits.isEmpty() || digits.length() > 3) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  private static long requireId(long id) {
    if (id < 0) {
      throw new IllegalArgumentException("id " + id + " is negative");
    }
    return id;
  }

  private static String pad(String digits, int width) {
    return "0".repeat(width - digits.length()) + digits;
  }
}
