package io.github.dagent.server.auth;

import io.github.dagent.crypto.AuthException;
import io.github.dagent.crypto.AuthFailure;
import io.github.dagent.crypto.HeaderKind;
import io.github.dagent.crypto.HeaderVerifier;
import io.github.dagent.crypto.VerifiedHeader;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.server.http.ApiRequest;
import io.github.dagent.server.http.HeadCheck;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The one guard in front of every {@code /api/v1/task/...} route, GET and POST alike, as
 * PROTOCOL.md §6 says:
 *
 * <ol>
 *   <li>the header is {@code X-OCS-Agent-Header}, else {@code X-OCS-Header};
 *   <li>with a password set: no header is {@code Request.Header.NotFound} (400), and only
 *       {@code X-OCS-Header} is {@code Security.Authentication.WithAgentPassword} (401);
 *   <li>without a password: a request with no header is served, but a header that is present
 *       must still pass;
 *   <li>the header is checked by the crypto module's verifier (decrypt, uri, ts, password, in
 *       that order), and a body is decrypted with the header's AES key and left on the
 *       exchange for the route ({@link ApiRequest#DECRYPTED_BODY}).
 * </ol>
 *
 * <p>Other paths pass through untouched. The header is checked as a {@link HeadCheck}, before
 * the body is read; the body is decrypted when it is whole, before the routes run. Both run on
 * worker threads (after {@link io.github.dagent.server.http.RequestScope}); RSA work never runs
 * on an IO thread.
 * Refusals are thrown and become envelopes in one place. Thread-safe.
 */
public final class AuthFilter implements HttpHandler, HeadCheck {
  private static final String PROTECTED = "/api/v1/task";
  private static final AttachmentKey<VerifiedHeader> VERIFIED =
      AttachmentKey.create(VerifiedHeader.class);

  private final HttpHandler next;
  private final HeaderVerifier verifier;
  private final Optional<String> password;

  /**
   * @param next the routes
   * @param verifier checks headers with the agent's key pair
   * @param password the agent password; empty when none is set
   */
  public AuthFilter(HttpHandler next, HeaderVerifier verifier, Optional<String> password) {
    this.next = Objects.requireNonNull(next, "next");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.password = Objects.requireNonNull(password, "password");
  }

  /**
   * Steps 1 to 3 and the header part of step 4, on the headers alone: runs before any byte of
   * the body is read, so a refused request never waits for its body.
   */
  @Override
  public void check(HttpServerExchange exchange) throws AuthException {
    if (isProtected(exchange.getRequestPath())) {
      authenticate(exchange);
    }
  }

  /** Decrypts the received body with a verified header's key, then runs the routes. */
  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    VerifiedHeader header = exchange.getAttachment(VERIFIED);
    if (header != null) {
      byte[] body = ApiRequest.rawBody(exchange);
      byte[] plain = body.length == 0 ? body
          : verifier.decryptBody(header, new String(body, StandardCharsets.ISO_8859_1));
      exchange.putAttachment(ApiRequest.DECRYPTED_BODY, plain);
    }
    next.handleRequest(exchange);
  }

  private void authenticate(HttpServerExchange exchange) throws AuthException {
    String agentHeader = exchange.getRequestHeaders().getFirst(HeaderKind.AGENT.headerName());
    String clusterHeader =
        exchange.getRequestHeaders().getFirst(HeaderKind.CLUSTER.headerName());
    if (agentHeader == null && clusterHeader == null) {
      if (password.isPresent()) {
        throw new DagentException(ErrorCode.REQUEST_HEADER_NOT_FOUND, "this agent has a"
            + " password: send an " + HeaderKind.AGENT.headerName() + " header made with it");
      }
      return;
    }
    if (agentHeader == null && password.isPresent()) {
      throw new AuthException(AuthFailure.WITH_AGENT_PASSWORD, "this agent has its own"
          + " password: send " + HeaderKind.AGENT.headerName() + " instead of "
          + HeaderKind.CLUSTER.headerName());
    }

    String value = agentHeader != null ? agentHeader : clusterHeader;
    exchange.putAttachment(VERIFIED,
        verifier.verify(value, requestUri(exchange), password.orElse("")));
  }

  private static boolean isProtected(String path) {
    return path.equals(PROTECTED) || path.startsWith(PROTECTED + "/");
  }

  /** The path and {@code ?query} exactly as the client sent them, not decoded. */
  static String requestUri(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (exchange.isHostIncludedInRequestURI()) {
      int pathStart = uri.indexOf('/', uri.indexOf("//") + 2);
      uri = pathStart < 0 ? "/" : uri.substring(pathStart);
    }
    String query = exchange.getQueryString();
    return query == null || query.isEmpty() ? uri : uri + "?" + query;
  }
}
