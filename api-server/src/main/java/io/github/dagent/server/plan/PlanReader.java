package io.github.dagent.server.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dagent.engine.TaskType;
import io.github.dagent.model.Capabilities;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.MaintenanceKind;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.server.http.JsonProblems;
import io.github.dagent.server.task.PlannedTaskType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a plan document field by field, so that every refusal names the field's path. Unknown
 * fields are refused too: a misspelt {@code paralel} would otherwise be silently ignored.
 */
final class PlanReader {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final Set<String> PLAN_FIELDS =
      Set.of("name", "scope", "maintenance", "params", "nodes");
  private static final Set<String> NODE_FIELDS =
      Set.of("name", "type", "parallel", "tasks", "flags");
  private static final Set<String> TASK_FIELDS = Set.of("name", "params");
  private static final Set<String> FLAGS = Set.of("retry", "pass", "cancel", "rollback",
      "continue");

  private final Map<String, TaskType> types = new LinkedHashMap<>();

  PlanReader(Collection<? extends TaskType> known) {
    known.forEach(type -> types.put(type.name(), type));
  }

  Plan read(String json) {
    JsonNode root = parse(json);
    requireObject(root, "plan");
    allowOnly(root, PLAN_FIELDS, "");
    String name = text(root, "name", "name");
    Map<String, Object> params = params(root.get("params"), "params");
    checkTimeout(params, "params");
    Scope scope = scope(root.get("scope"));
    Maintenance maintenance = maintenance(root.get("maintenance"));
    List<NodeTemplate> nodes = nodes(root.get("nodes"), params);
    Template template = new Template(name, scope, maintenance, nodes);
    return new Plan(template, TaskContext.ofParams(params));
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw invalid("plan", "is empty: send a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw invalid("plan", JsonProblems.describe(e));
    }
  }

  private static Scope scope(JsonNode node) {
    if (node == null || node.isNull()) {
      return Scope.AGENT;
    }
    String value = requireText(node, "scope").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "agent" -> Scope.AGENT;
      case "cluster" -> Scope.CLUSTER;
      default -> throw invalid("scope", "must be \"agent\" or \"cluster\", got \""
          + node.asText() + "\"");
    };
  }

  private static Maintenance maintenance(JsonNode node) {
    if (node == null || node.isNull()) {
      return Maintenance.NONE;
    }
    requireObject(node, "maintenance");
    allowOnly(node, Set.of("type", "key"), "maintenance.");
    JsonNode typeNode = node.get("type");
    String type = typeNode == null ? "none"
        : requireText(typeNode, "maintenance.type").toLowerCase(Locale.ROOT);
    JsonNode keyNode = node.get("key");
    String key = keyNode == null || keyNode.isNull() ? ""
        : requireString(keyNode, "maintenance.key");
    MaintenanceKind kind = switch (type) {
      case "none" -> MaintenanceKind.NONE;
      case "global" -> MaintenanceKind.GLOBAL;
      case "tenant" -> MaintenanceKind.TENANT;
      default -> throw invalid("maintenance.type",
          "must be \"none\", \"global\" or \"tenant\", got \"" + typeNode.asText() + "\"");
    };
    if (kind == MaintenanceKind.TENANT && key.isBlank()) {
      throw invalid("maintenance.key", "is required for a tenant lock: give the tenant name");
    }
    if (kind != MaintenanceKind.TENANT && !key.isEmpty()) {
      throw invalid("maintenance.key", "is only taken by a tenant lock; remove it or set "
          + "maintenance.type to \"tenant\"");
    }
    return new Maintenance(kind, key);
  }

  private List<NodeTemplate> nodes(JsonNode node, Map<String, Object> dagParams) {
    if (node == null || node.isNull()) {
      throw invalid("nodes", "is required: give at least one stage");
    }
    if (!node.isArray()) {
      throw invalid("nodes", "must be a list of stages, got " + kind(node));
    }
    if (node.isEmpty()) {
      throw invalid("nodes", "is empty: give at least one stage");
    }
    List<NodeTemplate> nodes = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      nodes.add(node(node.get(i), "nodes[" + i + "]", dagParams));
    }
    return nodes;
  }

  private NodeTemplate node(JsonNode node, String path, Map<String, Object> dagParams) {
    requireObject(node, path);
    allowOnly(node, NODE_FIELDS, path + ".");
    String name = text(node, "name", path + ".name");
    String typeName = text(node, "type", path + ".type");
    TaskType type = types.get(typeName);
    if (type == null) {
      throw invalid(path + ".type", "names unknown task type \"" + typeName
          + "\"; known types: " + String.join(", ", types.keySet()));
    }
    boolean parallel = bool(node.get("parallel"), path + ".parallel").orElse(false);
    JsonNode tasks = node.get("tasks");
    if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
      throw invalid(path + ".tasks", "must be a non-empty list of sub-tasks, got "
          + kind(tasks));
    }
    if (!parallel && tasks.size() > 1) {
      throw invalid(path + ".tasks", "holds " + tasks.size() + " sub-tasks but the node is "
          + "not parallel; set \"parallel\": true or keep one sub-task");
    }
    JsonNode flags = node.get("flags");
    List<SubTaskTemplate> subTasks = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      subTasks.add(subTask(tasks.get(i), path, i, name, type, flags, dagParams));
    }
    return new NodeTemplate(name, parallel, subTasks);
  }

  private SubTaskTemplate subTask(JsonNode node, String nodePath, int index, String nodeName,
      TaskType type, JsonNode flags, Map<String, Object> dagParams) {
    String path = nodePath + ".tasks[" + index + "]";
    requireObject(node, path);
    allowOnly(node, TASK_FIELDS, path + ".");
    String name = node.has("name") ? text(node, "name", path + ".name") : nodeName;
    Map<String, Object> params = params(node.get("params"), path + ".params");
    checkTimeout(params, path + ".params");
    Map<String, Object> effective = new LinkedHashMap<>(dagParams);
    effective.putAll(params);
    Capabilities defaults = type.capabilities();
    if (type instanceof PlannedTaskType planned) {
      planned.checkParams(effective, path + ".params");
      defaults = planned.capabilitiesFor(effective);
    }
    Capabilities capabilities = flags(flags, nodePath + ".flags", defaults, type);
    return SubTaskTemplate.of(name, type.name()).withParams(params)
        .withCapabilities(capabilities);
  }

  private static Capabilities flags(JsonNode node, String path, Capabilities defaults,
      TaskType type) {
    if (node == null || node.isNull()) {
      return defaults;
    }
    requireObject(node, path);
    allowOnly(node, FLAGS, path + ".");
    Capabilities result = defaults
        .withRetry(bool(node.get("retry"), path + ".retry").orElse(defaults.canRetry()))
        .withPass(bool(node.get("pass"), path + ".pass").orElse(defaults.canPass()))
        .withCancel(bool(node.get("cancel"), path + ".cancel").orElse(defaults.canCancel()))
        .withRollback(bool(node.get("rollback"), path + ".rollback")
            .orElse(defaults.canRollback()))
        .withContinue(bool(node.get("continue"), path + ".continue")
            .orElse(defaults.canContinue()));
    if (result.canContinue() && !type.capabilities().canContinue()) {
      throw invalid(path + ".continue", "cannot be true for task type \"" + type.name()
          + "\": it cannot resume after a restart, so it is failed instead of run twice");
    }
    return result;
  }

  private static Map<String, Object> params(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    requireObject(node, path);
    return JSON.convertValue(node, MAP);
  }

  private static void checkTimeout(Map<String, Object> params, String path) {
    if (!params.containsKey("timeout")) {
      return;
    }
    try {
      TaskContext.ofParams(Map.of("timeout", String.valueOf(params.get("timeout"))))
          .timeoutSeconds();
    } catch (DagentException e) {
      throw invalid(path + ".timeout", "must be a positive whole number of seconds, got "
          + params.get("timeout"));
    }
  }

  private static String text(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw invalid(path, "is required");
    }
    return requireText(node, path);
  }

  private static String requireText(JsonNode node, String path) {
    String value = requireString(node, path);
    if (value.isBlank()) {
      throw invalid(path, "must not be blank");
    }
    return value;
  }

  private static String requireString(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw invalid(path, "must be a string, got " + kind(node));
    }
    return node.asText();
  }

  private static Optional<Boolean> bool(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw invalid(path, "must be true or false, got " + kind(node));
    }
    return Optional.of(node.asBoolean());
  }

  private static void requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw invalid(path, "must be a JSON object, got " + kind(node));
    }
  }

  private static void allowOnly(JsonNode node, Set<String> allowed, String prefix) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid(prefix + name, "is not a plan field; allowed here: "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "the string \"" + node.asText() + "\"";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.toString();
    };
  }

  private static DagentException invalid(String field, String problem) {
    return new DagentException(ErrorCode.TASK_TEMPLATE_INVALID, field + " " + problem);
  }
}
