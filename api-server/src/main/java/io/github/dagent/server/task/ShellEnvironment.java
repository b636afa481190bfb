package io.github.dagent.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.dagent.engine.TaskHandle;
import io.github.dagent.model.dto.WireJson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a shell command sees besides the agent's own (from which every variable
 * starting with {@code DAGENT_} is removed, so the agent's password never reaches a command).
 *
 * <p>Each param becomes {@code DAGENT_<KEY>}: the key upper-cased, every character other than
 * a letter, digit or underscore replaced by {@code _} ({@code work-dir} becomes
 * {@code DAGENT_WORK_DIR}). Strings are passed as they are, numbers and booleans as written
 * in JSON, objects and lists as JSON text, null as the empty string. Then three variables
 * that win over params of the same name: {@code DAGENT_DAG_ID} (generic id),
 * {@code DAGENT_SUB_TASK_ID} and {@code DAGENT_EXECUTE_TIMES}.
 */
final class ShellEnvironment {
  private ShellEnvironment() {}

  static Map<String, String> of(TaskHandle handle) {
    Map<String, String> env = new LinkedHashMap<>();
    handle.context().params().forEach((key, value) -> env.put(variable(key), text(value)));
    env.put("DAGENT_DAG_ID", handle.dagId().toString());
    env.put("DAGENT_SUB_TASK_ID", Long.toString(handle.subTaskId()));
    env.put("DAGENT_EXECUTE_TIMES", Integer.toString(handle.executeTimes()));
    return env;
  }

  /**
   * Refuses params no command could receive: a string holding a NUL character (no
   * environment variable can carry it), or two keys that become the same variable.
   *
   * @param params the effective params
   * @param path where they sit in the plan, for messages
   * @throws io.github.dagent.model.DagentException TASK_TEMPLATE_INVALID naming the field
   */
  static void check(Map<String, Object> params, String path) {
    Map<String, String> seen = new LinkedHashMap<>();
    params.forEach((key, value) -> {
      if (key.indexOf('\0') >= 0 || (value != null && text(value).indexOf('\0') >= 0)) {
        throw ParamChecks.invalid(path + "." + key, "holds a NUL character, which no"
            + " environment variable can carry: remove it");
      }
      String other = seen.putIfAbsent(variable(key), key);
      if (other != null) {
        throw ParamChecks.invalid(path + "." + key, "and " + path + "." + other
            + " both become " + variable(key) + ": rename one of them");
      }
    });
  }

  static String variable(String key) {
    return "DAGENT_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    try {
      return WireJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("param value cannot be written as JSON", e);
    }
  }
}
