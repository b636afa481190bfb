package io.github.dagent.server.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Operator;
import io.github.dagent.model.dto.WireJson;
import io.github.dagent.server.http.ApiRequest;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Locale;

/**
 * The body of POST /api/v1/task/dag/{id}: {@code {"operator": "retry"}}.
 *
 * <p>The choice where the protocol is silent: a body that is not a JSON object, a wrong
 * content type, and a missing, null or non-string {@code operator} are
 * {@code Request.Body.Illegal}; a string that names no user operator (including "", "RUN" and
 * "RETRYX") is {@code Task.Dag.Operator.NotSupport}. Both are 400 and change nothing. A
 * missing content type is accepted (curl -d sends form encoding, which is refused).
 *
 * @param operator the operator asked for
 */
record OperatorRequest(Operator operator) {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  static OperatorRequest parse(ApiRequest request) {
    requireJsonContentType(request);
    JsonNode field = object(request.body()).get("operator");
    if (field == null || field.isNull()) {
      throw illegal("the body has no \"operator\"; send {\"operator\": \"retry\"}");
    }
    if (!field.isTextual()) {
      throw illegal("\"operator\" must be a string such as \"retry\", got " + field.getNodeType()
          .name().toLowerCase(Locale.ROOT));
    }
    return new OperatorRequest(TaskRoutes.requireUserOperator(Operator.parse(field.asText())));
  }

  private static void requireJsonContentType(ApiRequest request) {
    String type = request.exchange().getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type != null && !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
      throw illegal("content type '" + type + "' is not JSON; send application/json");
    }
  }

  private static JsonNode object(byte[] body) {
    if (body.length == 0) {
      throw illegal("the body is empty; send {\"operator\": \"retry\"}");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw illegal("the body is not valid JSON (" + e.getOriginalMessage()
          + "); send {\"operator\": \"retry\"}");
    } catch (IOException e) {
      throw illegal("the body could not be read; send {\"operator\": \"retry\"}");
    }
    if (tree == null || !tree.isObject()) {
      throw illegal("the body must be a JSON object such as {\"operator\": \"retry\"}");
    }
    return tree;
  }

  private static DagentException illegal(String message) {
    return new DagentException(ErrorCode.REQUEST_BODY_ILLEGAL, message);
  }
}
