package io.github.dagent.server.http;

import io.undertow.server.HttpServerExchange;

/**
 * A check of a request on its head alone (method, path, headers), run on a worker before any
 * byte of the body is read, so that a refused request costs no body and no waiting for it.
 */
@FunctionalInterface
public interface HeadCheck {
  /**
   * @param exchange the request; its body is not read yet
   * @throws Exception a refusal; {@link ErrorMapping} turns it into the error envelope and the
   *     connection is closed instead of reading the body
   */
  void check(HttpServerExchange exchange) throws Exception;
}
