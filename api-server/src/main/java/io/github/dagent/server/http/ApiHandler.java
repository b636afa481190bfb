package io.github.dagent.server.http;

/**
 * One route's work: reads what it needs from the request, returns the envelope's {@code data}
 * (null for none) or throws. Runs on a worker thread; the {@link Router} wraps the result in
 * the envelope.
 */
@FunctionalInterface
public interface ApiHandler {
  /**
   * @param request the request with its path parameters
   * @return the data, or null to leave {@code data} out
   * @throws Exception anything; {@link ErrorMapping} turns it into the error envelope
   */
  Object handle(ApiRequest request) throws Exception;
}
