package io.github.dagent.server.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Operator;
import io.github.dagent.model.dto.WireJson;
import io.github.dagent.server.http.ApiRequest;
import io.github.dagent.server.http.JsonProblems;
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
    request.requireJsonContent();
    JsonNode field = object(request.body()).get("operator");
    if (field == null || field.isNull()) {
      throw illegal("the body has no \"operator\"; send {\"operator\": \"retry\"}");
    }
    if (!field.isTextual()) {
      throw illegal("\"operator\" must be a string such as \"retry\", got " + field.getNodeType()
          .name().toLowerCase(Locale.ROOT));
    }
    return new OperatorRequest(strict(field.asText()));
  }

  /**
   * Only the exact names in some letter case of ASCII: no blanks around them, no control
   * characters and no look-alike letters, so that garbage such as {@code " retry"} or
   * {@code "retry"} followed by a NUL is refused.
   */
  private static Operator strict(String name) {
    boolean ascii = name.chars().allMatch(c -> c > ' ' && c < 127);
    for (Operator operator : Operator.values()) {
      if (ascii && operator.name().equalsIgnoreCase(name)) {
        return TaskRoutes.requireUserOperator(operator);
      }
    }
    String shown = name.length() <= 40 ? name : name.substring(0, 37) + "...";
    throw new DagentException(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT, "operator '"
        + shown.replaceAll("\\p{Cntrl}", "?") + "' is not supported; send exactly one of"
        + " retry, rollback, cancel, pass (any case, no blanks)");
  }

  private static JsonNode object(byte[] body) {
    if (body.length == 0) {
      throw illegal("the body is empty; send {\"operator\": \"retry\"}");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw illegal("the body " + JsonProblems.describe(e)
          + "; send {\"operator\": \"retry\"}");
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
