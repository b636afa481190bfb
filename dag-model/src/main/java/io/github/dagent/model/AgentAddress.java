package io.github.dagent.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The agent a sub-task runs on, as {@code execute_agent} shows it: an IP literal and a port.
 *
 * @param ip an IPv4 or IPv6 literal, never blank
 * @param port 1..65535
 */
public record AgentAddress(@JsonProperty("ip") String ip, @JsonProperty("port") int port) {
  /** Checks the arguments. */
  public AgentAddress {
    Objects.requireNonNull(ip, "ip");
    if (ip.isBlank()) {
      throw new IllegalArgumentException("agent ip must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("agent port " + port + " is outside 1..65535");
    }
  }

  /** {@code ip:port}, with brackets around an IPv6 literal. */
  @Override
  public String toString() {
    return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
  }
}
