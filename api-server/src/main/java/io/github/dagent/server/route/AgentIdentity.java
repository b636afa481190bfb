package io.github.dagent.server.route;

import io.github.dagent.model.AgentAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Who this agent is, as /api/v1/info and /api/v1/status report it.
 *
 * @param address the ip and port its agent-scope ids name
 * @param wireVersion the four-part OBShell version reported as {@code version}; clients pick
 *     header format v2 for 4.2.3.0 and later
 * @param dagentVersion dagent's own version
 * @param security whether an agent password is set
 * @param pid the process id
 * @param startedAt when the agent started
 * @param homePath the data directory
 */
public record AgentIdentity(AgentAddress address, String wireVersion, String dagentVersion,
    boolean security, long pid, Instant startedAt, Path homePath) {
  /** The OBShell version dagent answers as: the first with header format v2 and the task API. */
  public static final String WIRE_VERSION = "4.2.3.0";

  /** Checks for nulls. */
  public AgentIdentity {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(wireVersion, "wireVersion");
    Objects.requireNonNull(dagentVersion, "dagentVersion");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(homePath, "homePath");
  }
}
