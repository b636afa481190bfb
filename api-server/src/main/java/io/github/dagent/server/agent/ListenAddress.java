package io.github.dagent.server.agent;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.server.config.AgentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Where the agent listens and which address its agent-scope ids name.
 *
 * <p>Port 0 is resolved before anything is built, by binding a throw-away socket, because the
 * engine and every generic id need the final port: a free port is taken and released, then
 * bound by the HTTP server a moment later. A wildcard bind address names the host's own
 * address in ids.
 *
 * @param bind the address the HTTP server binds
 * @param port the port it binds
 * @param self the agent as its ids name it
 */
record ListenAddress(String bind, int port, AgentAddress self) {
  static ListenAddress resolve(AgentConfig config) {
    int port = config.port() == 0 ? freePort(config.bind()) : config.port();
    return new ListenAddress(config.bind(), port, new AgentAddress(idAddress(config.bind()),
        port));
  }

  private static int freePort(String bind) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + bind
          + "; pass --port explicitly", e);
    }
  }

  private static String idAddress(String bind) {
    try {
      InetAddress address = InetAddress.getByName(bind);
      if (address.isAnyLocalAddress()) {
        address = InetAddress.getLocalHost();
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bind address '" + bind + "' does not resolve; pass an"
          + " IP address such as 127.0.0.1", e);
    }
  }
}
