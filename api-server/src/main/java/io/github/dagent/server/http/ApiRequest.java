package io.github.dagent.server.http;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a route handler sees of a request: path parameters, query flags and the body (already
 * decrypted when the auth filter found an encryption header). Not thread-safe; one per
 * request.
 */
public final class ApiRequest {
  /** Where the auth filter leaves a decrypted body for the handler. */
  public static final AttachmentKey<byte[]> DECRYPTED_BODY = AttachmentKey.create(byte[].class);

  private final HttpServerExchange exchange;
  private final Map<String, String> pathParams;

  ApiRequest(HttpServerExchange exchange, Map<String, String> pathParams) {
    this.exchange = exchange;
    this.pathParams = Map.copyOf(pathParams);
  }

  /** The underlying exchange, for headers. */
  public HttpServerExchange exchange() {
    return exchange;
  }

  /**
   * @param name a parameter of the route's template, such as {@code id}
   * @return its value as sent (possibly empty)
   */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter '" + name + "'");
    }
    return value;
  }

  /**
   * Reads {@code show_details} or its alias {@code show_detail}: true, false, 1 or 0 in any
   * case. When both are sent, both must be legal and {@code show_details} wins; one name sent
   * more than once must carry the same flag each time.
   *
   * @return the flag, true when neither is sent
   * @throws DagentException {@link ErrorCode#REQUEST_QUERY_PARAM_ILLEGAL} for any other value
   *     and for conflicting repeats of one name
   */
  public boolean showDetails() {
    Optional<Boolean> plural = flag("show_details");
    Optional<Boolean> singular = flag("show_detail");
    return plural.or(() -> singular).orElse(true);
  }

  /**
   * The body: the decrypted one when the auth filter decrypted it, else the raw bytes, which
   * {@link RequestScope} received whole (under the cap) before the route ran.
   *
   * @return the bytes, empty when there is no body
   */
  public byte[] body() {
    byte[] decrypted = exchange.getAttachment(DECRYPTED_BODY);
    return decrypted != null ? decrypted : rawBody(exchange);
  }

  /**
   * @param exchange a request whose body {@link RequestScope} has received
   * @return the body as sent, empty when there was none
   */
  public static byte[] rawBody(HttpServerExchange exchange) {
    return RequestBody.received(exchange);
  }

  /**
   * Checks the content type of a request whose body is JSON (encrypted or not): none at all,
   * or {@code application/json} with any parameters such as a charset. Every JSON-reading route
   * calls this, so they accept and refuse the same types.
   *
   * @throws DagentException {@link ErrorCode#REQUEST_BODY_ILLEGAL} for any other type, such as
   *     the form encoding {@code curl -d} sends
   */
  public void requireJsonContent() {
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type == null) {
      return;
    }
    int parameters = type.indexOf(';');
    String media = (parameters < 0 ? type : type.substring(0, parameters)).trim();
    if (!media.equalsIgnoreCase("application/json")) {
      throw new DagentException(ErrorCode.REQUEST_BODY_ILLEGAL, "content type '"
          + abbreviate(type) + "' is not JSON; send application/json (or no content type)");
    }
  }

  private Optional<Boolean> flag(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    Boolean result = null;
    for (String value : values) {
      boolean parsed = parseFlag(name, value);
      if (result != null && result != parsed) {
        throw new DagentException(ErrorCode.REQUEST_QUERY_PARAM_ILLEGAL,
            "query parameter " + name + " is sent more than once with conflicting values;"
                + " send it once");
      }
      result = parsed;
    }
    return Optional.of(result);
  }

  private static boolean parseFlag(String name, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1":
        return true;
      case "false", "0":
        return false;
      default:
        throw new DagentException(ErrorCode.REQUEST_QUERY_PARAM_ILLEGAL,
            "query parameter " + name + "='" + abbreviate(value)
                + "' is not a flag; use true, false, 1 or 0");
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }
}
