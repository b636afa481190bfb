package io.github.dagent.server.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The outermost handler of the agent. In order:
 *
 * <ol>
 *   <li>on the IO thread: gives the request a trace id (attached to the exchange, and put in
 *       the MDC for every log line of the request) and moves it to a worker;
 *   <li>on a worker: runs the {@link HeadCheck} (auth on the headers alone), before any byte
 *       of the body is read;
 *   <li>receives the body with {@link RequestBody} without holding a worker (slow senders
 *       wait on the IO thread, not on one of the few workers), under the cap and a total time
 *       limit;
 *   <li>on a worker again: runs the next handler with the whole body at hand.
 * </ol>
 *
 * <p>Anything thrown on the way becomes an envelope here; when the body was not read whole,
 * the connection is closed after the answer instead of reading the rest. One access line per
 * request, written when it completes. Client IO failures stay at DEBUG so that no client can
 * flood the log; unexpected failures are logged at ERROR with their stack trace under the
 * trace id. Thread-safe.
 */
public final class RequestScope implements HttpHandler {
  /** The MDC key of the trace id. */
  public static final String MDC_TRACE = "traceId";

  private static final Logger LOG = LoggerFactory.getLogger(RequestScope.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("io.github.dagent.server.access");

  private final HttpHandler next;
  private final HeadCheck head;
  private final TraceIds traceIds;
  private final Envelope envelope;
  private final ErrorMapping errors;
  private final long maxBodyBytes;
  private final Duration bodyTime;
  private final ExchangeCompletionListener access = RequestScope::logAccess;

  /**
   * @param next the handler that answers the request, once its body is whole
   * @param head checks the request on its head alone, before the body is read
   * @param traceIds makes trace ids
   * @param envelope writes responses
   * @param errors maps failures
   * @param maxBodyBytes the body cap
   * @param bodyTime the most time a whole body may take to arrive
   */
  public RequestScope(HttpHandler next, HeadCheck head, TraceIds traceIds, Envelope envelope,
      ErrorMapping errors, long maxBodyBytes, Duration bodyTime) {
    this.next = next;
    this.head = head;
    this.traceIds = traceIds;
    this.envelope = envelope;
    this.errors = errors;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTime = bodyTime;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.putAttachment(RequestTrace.KEY,
        new RequestTrace(traceIds.next(), System.nanoTime()));
    exchange.addExchangeCompleteListener(access);
    exchange.dispatch(this::checkHead);
  }

  private void checkHead(HttpServerExchange exchange) {
    inScope(exchange, ex -> {
      head.check(ex);
      if (ex.isRequestComplete()) {
        next.handleRequest(ex);
        return;
      }
      RequestBody.receive(ex, maxBodyBytes, bodyTime,
          (whole, body) -> whole.dispatch(this::route), this::refuse);
    });
  }

  private void route(HttpServerExchange exchange) {
    inScope(exchange, next);
  }

  private void refuse(HttpServerExchange exchange, Throwable error) {
    inScope(exchange, ex -> fail(ex, error));
  }

  private void inScope(HttpServerExchange exchange, HttpHandler work) {
    String prior = MDC.get(MDC_TRACE);
    MDC.put(MDC_TRACE, RequestTrace.of(exchange).traceId());
    try {
      work.handleRequest(exchange);
    } catch (Throwable error) {
      fail(exchange, error);
    } finally {
      restore(prior);
    }
  }

  private void fail(HttpServerExchange exchange, Throwable error) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Failure failure = errors.map(error, RequestTrace.of(exchange).traceId());
    if (failure.status() >= 500) {
      LOG.error("{} {} failed unexpectedly", exchange.getRequestMethod(),
          exchange.getRequestPath(), error);
    } else {
      LOG.debug("refused: {}", failure.error().errCode());
    }
    if (!exchange.isRequestComplete()) {
      exchange.setPersistent(false);
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

  private static void logAccess(HttpServerExchange exchange,
      ExchangeCompletionListener.NextListener nextListener) {
    String prior = MDC.get(MDC_TRACE);
    try {
      MDC.put(MDC_TRACE, RequestTrace.of(exchange).traceId());
      ACCESS.info("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestPath(),
          exchange.getStatusCode());
    } finally {
      restore(prior);
      nextListener.proceed();
    }
  }

  private static void restore(String prior) {
    if (prior == null) {
      MDC.remove(MDC_TRACE);
    } else {
      MDC.put(MDC_TRACE, prior);
    }
  }
}
