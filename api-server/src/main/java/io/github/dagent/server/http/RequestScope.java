package io.github.dagent.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The outermost handler of the agent: moves the request off the IO thread onto a worker,
 * gives it a trace id (attached to the exchange and put in the MDC for every log line of the
 * request), runs the next handler in blocking mode, turns anything it throws into an envelope,
 * and writes one access line per request.
 *
 * <p>Client IO failures stay at DEBUG so that no client can flood the log; unexpected failures
 * are logged at ERROR with their stack trace under the trace id. Thread-safe.
 */
public final class RequestScope implements HttpHandler {
  /** The MDC key of the trace id. */
  public static final String MDC_TRACE = "traceId";

  private static final Logger LOG = LoggerFactory.getLogger(RequestScope.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("io.github.dagent.server.access");

  private final HttpHandler next;
  private final TraceIds traceIds;
  private final Envelope envelope;
  private final ErrorMapping errors;

  /**
   * @param next the handler that answers the request
   * @param traceIds makes trace ids
   * @param envelope writes responses
   * @param errors maps failures
   */
  public RequestScope(HttpHandler next, TraceIds traceIds, Envelope envelope,
      ErrorMapping errors) {
    this.next = next;
    this.traceIds = traceIds;
    this.envelope = envelope;
    this.errors = errors;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.putAttachment(RequestTrace.KEY,
          new RequestTrace(traceIds.next(), System.nanoTime()));
      exchange.dispatch(this);
      return;
    }
    RequestTrace trace = RequestTrace.of(exchange);
    MDC.put(MDC_TRACE, trace.traceId());
    try {
      exchange.startBlocking();
      next.handleRequest(exchange);
    } catch (Throwable error) {
      fail(exchange, trace, error);
    } finally {
      ACCESS.info("{} {} -> {}", exchange.getRequestMethod(),
          exchange.getRequestPath(), exchange.getStatusCode());
      MDC.remove(MDC_TRACE);
    }
  }

  private void fail(HttpServerExchange exchange, RequestTrace trace, Throwable error) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Failure failure = errors.map(error, trace.traceId());
    if (failure.status() >= 500) {
      LOG.error("{} {} failed unexpectedly", exchange.getRequestMethod(),
          exchange.getRequestPath(), error);
    } else {
      LOG.debug("refused: {}", failure.error().errCode());
    }
    if (exchange.isResponseStarted()) {
      LOG.debug("response already started; closing the connection");
      exchange.setPersistent(false);
      exchange.endExchange();
      return;
    }
    if (failure.status() == 413) {
      exchange.setPersistent(false);
    }
    envelope.failure(exchange, failure.status(), failure.error());
  }
}
