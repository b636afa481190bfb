package io.github.dagent.server.task;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import java.util.Map;
import java.util.Optional;

/** Reads typed params and refuses wrong ones with the field's path in the message. */
final class ParamChecks {
  private ParamChecks() {}

  static String requiredText(Map<String, Object> params, String key, String path) {
    return optionalText(params, key, path).orElseThrow(() -> invalid(path + "." + key,
        "is required: give the " + key + " as a string"));
  }

  static Optional<String> optionalText(Map<String, Object> params, String key, String path) {
    Object value = params.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid(path + "." + key, "must be a non-blank string, got " + describe(value));
    }
    return Optional.of(text);
  }

  static DagentException invalid(String field, String problem) {
    return new DagentException(ErrorCode.TASK_TEMPLATE_INVALID, field + " " + problem);
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return "\"" + text + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof Iterable) {
      return "a list";
    }
    return value.toString();
  }
}
