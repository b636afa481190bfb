package io.github.dagent.crypto;

/** Which password a header carries, and so which HTTP header it travels in. */
public enum HeaderKind {
  /** The agent password, sent as {@code X-OCS-Agent-Header}. */
  AGENT("X-OCS-Agent-Header"),
  /** The cluster (root) password, sent as {@code X-OCS-Header}. */
  CLUSTER("X-OCS-Header");

  private final String headerName;

  HeaderKind(String headerName) {
    this.headerName = headerName;
  }

  /**
   * The HTTP header name.
   *
   * @return {@code X-OCS-Agent-Header} or {@code X-OCS-Header}
   */
  public String headerName() {
    return headerName;
  }
}
