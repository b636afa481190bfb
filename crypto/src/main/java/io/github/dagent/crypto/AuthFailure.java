package io.github.dagent.crypto;

/**
 * Why a protected request was refused, with the exact wire codes OBShell clients branch on.
 *
 * <p>Each constant carries the dotted {@code errCode}, the legacy integer {@code code} and the
 * HTTP status of the error table in the wire protocol, so a caller maps a refusal to a
 * response by reading the three accessors, never by testing which constant it holds.
 */
public enum AuthFailure {
  /** The header value is not base64, not whole RSA blocks, or does not decrypt to a header. */
  DECRYPT_FAILED("Security.Authentication.Header.DecryptFailed", 1, 401),
  /** The header's {@code ts} has passed (after the clock-skew allowance). */
  EXPIRED("Security.Authentication.Expired", 10008, 401),
  /** The header's {@code ts} is not a decimal integer, or lies too far in the future. */
  TIMESTAMP_INVALID("Security.Authentication.Timestamp.Invalid", 10008, 401),
  /** The header's {@code uri} differs from the request's path and query. */
  URI_MISMATCH("Security.Authentication.Header.UriMismatch", 10008, 401),
  /** A cluster header ({@code X-OCS-Header}) reached an agent that has its own password. */
  WITH_AGENT_PASSWORD("Security.Authentication.WithAgentPassword", 10008, 401),
  /** The header's {@code auth} is not the agent password (an empty one included). */
  INCORRECT_AGENT_PASSWORD("Security.Authentication.IncorrectAgentPassword", 10008, 401),
  /** The request body does not decode, decrypt or unpad under the header's AES key. */
  BODY_UNDECRYPTABLE("Common.Unauthorized", 10008, 401),
  /** Replay protection is on and this header was already accepted once. */
  REPLAYED("Security.Authentication.Replayed", 10008, 401);

  private final String errCode;
  private final int legacyCode;
  private final int httpStatus;

  AuthFailure(String errCode, int legacyCode, int httpStatus) {
    this.errCode = errCode;
    this.legacyCode = legacyCode;
    this.httpStatus = httpStatus;
  }

  /**
   * The dotted error code clients branch on.
   *
   * @return for example {@code Security.Authentication.Expired}
   */
  public String errCode() {
    return errCode;
  }

  /**
   * The legacy integer code of the response's {@code error.code}.
   *
   * @return 1 for {@link #DECRYPT_FAILED}, 10008 for every other constant
   */
  public int legacyCode() {
    return legacyCode;
  }

  /**
   * The HTTP status of the response.
   *
   * @return 401 for every constant
   */
  public int httpStatus() {
    return httpStatus;
  }
}
