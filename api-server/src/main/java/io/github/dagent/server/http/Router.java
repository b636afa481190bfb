package io.github.dagent.server.http;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps method and path to an {@link ApiHandler} and wraps its result in the envelope.
 *
 * <p>Templates are split on {@code /}; a {@code {name}} segment matches any one segment,
 * including an empty one (so {@code /api/v1/task/dag/} reaches the dag route with an empty id,
 * which is an invalid id rather than an unknown route). A template with more literal segments
 * wins over one with fewer. A path that no template matches is {@code Request.Route.NotFound}
 * (404); a path that matches only under other methods is {@code Request.Method.NotAllowed}
 * (405) with an {@code Allow} header. Immutable and thread-safe once built.
 */
public final class Router implements HttpHandler {
  private final List<Route> routes;
  private final Envelope envelope;

  private Router(List<Route> routes, Envelope envelope) {
    this.routes = List.copyOf(routes);
    this.envelope = envelope;
  }

  /**
   * @param envelope writes the responses
   * @return an empty builder
   */
  public static Builder builder(Envelope envelope) {
    return new Builder(envelope);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String[] segments = exchange.getRequestPath().split("/", -1);
    String method = exchange.getRequestMethod().toString();
    Route best = null;
    Map<String, String> bestParams = Map.of();
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(segments);
      if (params.isEmpty()) {
        continue;
      }
      allowed.add(route.method);
      if (route.method.equals(method) && (best == null || route.literals > best.literals)) {
        best = route;
        bestParams = params.get();
      }
    }
    if (best == null) {
      refuse(exchange, allowed);
      return;
    }
    Object data = best.handler.handle(new ApiRequest(exchange, bestParams));
    envelope.success(exchange, data);
  }

  private static void refuse(HttpServerExchange exchange, TreeSet<String> allowed) {
    if (allowed.isEmpty()) {
      throw new DagentException(ErrorCode.REQUEST_ROUTE_NOT_FOUND,
          "no route " + exchange.getRequestMethod() + " " + abbreviate(exchange.getRequestPath())
              + "; see PROTOCOL.md for the routes this agent serves");
    }
    exchange.getResponseHeaders().put(Headers.ALLOW, String.join(", ", allowed));
    throw new DagentException(ErrorCode.REQUEST_METHOD_NOT_ALLOWED,
        abbreviate(exchange.getRequestPath()) + " does not take " + exchange.getRequestMethod()
            + "; use " + String.join(" or ", allowed));
  }

  private static String abbreviate(String path) {
    return path.length() <= 120 ? path : path.substring(0, 117) + "...";
  }

  /** Collects routes; not thread-safe. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private final Envelope envelope;

    private Builder(Envelope envelope) {
      this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    /** Adds a GET route. */
    public Builder get(String template, ApiHandler handler) {
      return add("GET", template, handler);
    }

    /** Adds a POST route. */
    public Builder post(String template, ApiHandler handler) {
      return add("POST", template, handler);
    }

    /**
     * @param method the HTTP method in upper case
     * @param template a path such as {@code /api/v1/task/dag/{id}}
     * @param handler the route's work
     * @return this builder
     */
    public Builder add(String method, String template, ApiHandler handler) {
      routes.add(new Route(method, template.split("/", -1), handler));
      return this;
    }

    /** The router. */
    public Router build() {
      return new Router(routes, envelope);
    }
  }

  private static final class Route {
    private final String method;
    private final String[] segments;
    private final ApiHandler handler;
    private final int literals;

    private Route(String method, String[] segments, ApiHandler handler) {
      this.method = method;
      this.segments = segments.clone();
      this.handler = handler;
      int count = 0;
      for (String segment : segments) {
        count += isParam(segment) ? 0 : 1;
      }
      this.literals = count;
    }

    private Optional<Map<String, String>> match(String[] path) {
      if (path.length != segments.length) {
        return Optional.empty();
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < path.length; i++) {
        if (isParam(segments[i])) {
          params.put(segments[i].substring(1, segments[i].length() - 1), path[i]);
        } else if (!segments[i].equals(path[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }

    private static boolean isParam(String segment) {
      return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
  }
}
