package io.github.dagent.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;

/**
 * What the agent knows about a request from its first moment: its trace id and when it began.
 * Attached to the exchange by {@link RequestScope}.
 *
 * @param traceId 16 lower-case hex characters, also in the MDC as {@code traceId}
 * @param startNanos {@link System#nanoTime()} when the agent began the request
 */
public record RequestTrace(String traceId, long startNanos) {
  /** The response header that repeats the trace id. */
  public static final HttpString HEADER = new HttpString("X-Trace-Id");

  static final AttachmentKey<RequestTrace> KEY = AttachmentKey.create(RequestTrace.class);

  /**
   * @param exchange a request that passed {@link RequestScope}
   * @return its trace
   */
  public static RequestTrace of(HttpServerExchange exchange) {
    RequestTrace trace = exchange.getAttachment(KEY);
    if (trace == null) {
      throw new IllegalStateException("request has no trace; RequestScope must come first");
    }
    return trace;
  }
}
