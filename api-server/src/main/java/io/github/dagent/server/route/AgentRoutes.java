package io.github.dagent.server.route;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.dagent.server.http.ApiRequest;
import io.github.dagent.server.http.Router;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The open routes of PROTOCOL.md §5 that SDKs call before any task route: the public key,
 * the agent's identity and its state. Thread-safe.
 *
 * <p>Choices where the protocol is silent: {@code identity} is always {@code "SINGLE"} (dagent
 * is a standalone agent even when it stores cluster-scope dags); {@code startAt} is unix
 * nanoseconds as OBShell writes it; {@code state} of /status is 2 (running), as OBShell's
 * agent state enum numbers it.
 */
public final class AgentRoutes {
  private final AgentIdentity identity;
  private final String publicKey;

  /**
   * @param identity who this agent is
   * @param publicKey base64 of the DER PKCS#1 RSAPublicKey of the agent's key pair
   */
  public AgentRoutes(AgentIdentity identity, String publicKey) {
    this.identity = identity;
    this.publicKey = publicKey;
  }

  /** Adds /api/v1/secret, /api/v1/info and /api/v1/status. */
  public void addTo(Router.Builder router) {
    router.get("/api/v1/secret", this::secret)
        .get("/api/v1/info", this::info)
        .get("/api/v1/status", this::status);
  }

  private Secret secret(ApiRequest request) {
    return new Secret(publicKey);
  }

  private Info info(ApiRequest request) {
    return new Info("SINGLE", identity.wireVersion(), identity.dagentVersion(), List.of("v2"),
        identity.security(), false, identity.address().ip(), identity.address().port(),
        identity.pid(), startAt(), identity.homePath().toAbsolutePath().toString());
  }

  private Status status(ApiRequest request) {
    return new Status(2, "RUNNING", identity.pid(), startAt(), identity.wireVersion(),
        identity.dagentVersion(), identity.address().port());
  }

  private long startAt() {
    return ChronoUnit.NANOS.between(java.time.Instant.EPOCH, identity.startedAt());
  }

  /** @param publicKey base64 DER PKCS#1 */
  record Secret(@JsonProperty("public_key") String publicKey) {}

  @JsonPropertyOrder({"identity", "version", "dagentVersion", "supportedAuth", "security",
      "isObproxyAgent", "ip", "port", "pid", "startAt", "homePath"})
  record Info(
      @JsonProperty("identity") String identity,
      @JsonProperty("version") String version,
      @JsonProperty("dagentVersion") String dagentVersion,
      @JsonProperty("supportedAuth") List<String> supportedAuth,
      @JsonProperty("security") boolean security,
      @JsonProperty("isObproxyAgent") boolean isObproxyAgent,
      @JsonProperty("ip") String ip,
      @JsonProperty("port") int port,
      @JsonProperty("pid") long pid,
      @JsonProperty("startAt") long startAt,
      @JsonProperty("homePath") String homePath) {}

  @JsonPropertyOrder({"state", "stateName", "pid", "startAt", "version", "dagentVersion",
      "port"})
  record Status(
      @JsonProperty("state") int state,
      @JsonProperty("stateName") String stateName,
      @JsonProperty("pid") long pid,
      @JsonProperty("startAt") long startAt,
      @JsonProperty("version") String version,
      @JsonProperty("dagentVersion") String dagentVersion,
      @JsonProperty("port") int port) {}
}
