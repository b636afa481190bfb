package io.github.dagent.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.dto.ApiError;
import io.github.dagent.model.dto.ApiResponse;
import io.github.dagent.model.dto.WireJson;
import io.github.dagent.model.dto.WireTime;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The one place every {@code /api/v1/...} response is built: the envelope of PROTOCOL.md §1
 * with timestamp, duration, status and trace id, {@code data} on success and {@code error} on
 * failure. Thread-safe.
 */
public final class Envelope {
  private static final String JSON = "application/json; charset=utf-8";

  private final ObjectMapper mapper = WireJson.mapper();
  private final Clock clock;

  /** @param clock gives the time and the zone every timestamp is written in */
  public Envelope(Clock clock) {
    this.clock = clock;
  }

  /**
   * Sends a success.
   *
   * @param exchange the request, with its {@link RequestTrace} attached
   * @param data the result; null leaves {@code data} out
   */
  public void success(HttpServerExchange exchange, Object data) {
    send(exchange, 200, data, null);
  }

  /**
   * Sends a failure.
   *
   * @param exchange the request, with its {@link RequestTrace} attached
   * @param status the HTTP status
   * @param error the error
   */
  public void failure(HttpServerExchange exchange, int status, ApiError error) {
    send(exchange, status, null, error);
  }

  private void send(HttpServerExchange exchange, int status, Object data, ApiError error) {
    RequestTrace trace = RequestTrace.of(exchange);
    long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trace.startNanos());
    ApiResponse response = new ApiResponse(error == null, WireTime.format(clock.instant(),
        clock.getZone()), duration, status, trace.traceId(), data, error);
    byte[] body = serialize(response);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    exchange.getResponseHeaders().put(RequestTrace.HEADER, trace.traceId());
    exchange.setResponseContentLength(body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  private byte[] serialize(ApiResponse response) {
    try {
      return mapper.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response could not be written as JSON", e);
    }
  }
}
