package io.github.dagent.server.cli;

/** Placeholder until the crypto client lands. */
final class RequestSealer {
  static final String HEADER = "X-OCS-Agent-Header";

  RequestSealer(String password, KeySource keys) {
  }

  Sealed seal(String uri, String body) throws AgentRefusedException, AgentUnreachableException {
    throw new AgentUnreachableException("crypto client missing", null);
  }

  interface KeySource {
    String publicKey() throws AgentRefusedException, AgentUnreachableException;
  }

  record Sealed(String header, String body) {}
}
