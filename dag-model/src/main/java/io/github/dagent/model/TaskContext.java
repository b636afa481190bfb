package io.github.dagent.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dag's sub-tasks share, immutable. Three parts with their own merge rules:
 *
 * <ul>
 *   <li>{@code params}: set by the caller; a merge never overwrites a param already present;
 *   <li>{@code data}: shared; maps merge recursively and a later value wins;
 *   <li>{@code agentData}: each agent's map with an update counter; the higher counter wins
 *       (on a tie the later context wins).
 * </ul>
 *
 * @param params caller's parameters, including {@code timeout} in seconds
 * @param data shared data
 * @param agentData per-agent data keyed by {@code ip:port}
 */
public record TaskContext(
    @JsonProperty("params") Map<String, Object> params,
    @JsonProperty("data") Map<String, Object> data,
    @JsonProperty("agent_data") Map<String, AgentData> agentData) {
  /** The empty context. */
  public static final TaskContext EMPTY = new TaskContext(Map.of(), Map.of(), Map.of());

  /** The default sub-task timeout when no {@code timeout} param is given. */
  public static final long DEFAULT_TIMEOUT_SECONDS = 3600;

  /** Copies every part; a null part reads as empty. */
  @JsonCreator
  public TaskContext {
    params = JsonValues.freeze(params == null ? Map.of() : params);
    data = JsonValues.freeze(data == null ? Map.of() : data);
    agentData = Map.copyOf(agentData == null ? Map.of() : agentData);
  }

  /**
   * @param params the caller's parameters
   * @return a context holding only these params
   */
  public static TaskContext ofParams(Map<String, ?> params) {
    return new TaskContext(JsonValues.freeze(params), Map.of(), Map.of());
  }

  /**
   * Merges a later context into this one by the three rules above.
   *
   * @param later the context merged in
   * @return the merged context
   */
  public TaskContext merge(TaskContext later) {
    Objects.requireNonNull(later, "later");
    Map<String, Object> mergedParams = new LinkedHashMap<>(params);
    // Not putIfAbsent: a param the caller set to null is still set and must not be replaced.
    later.params.forEach((key, value) -> {
      if (!mergedParams.containsKey(key)) {
        mergedParams.put(key, value);
      }
    });
    Map<String, AgentData> mergedAgents = new LinkedHashMap<>(agentData);
    later.agentData.forEach((agent, value) -> mergedAgents.merge(agent, value,
        (mine, theirs) -> theirs.counter() >= mine.counter() ? theirs : mine));
    return new TaskContext(mergedParams, JsonValues.mergeLaterWins(data, later.data),
        mergedAgents);
  }

  /** This context with one param set, replacing any value it had. */
  public TaskContext withParam(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(params);
    copy.put(Objects.requireNonNull(key, "key"), value);
    return new TaskContext(copy, data, agentData);
  }

  /** This context with one data key set, replacing any value it had. */
  public TaskContext withData(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(data);
    copy.put(Objects.requireNonNull(key, "key"), value);
    return new TaskContext(params, copy, agentData);
  }

  /** This context with an agent's map replaced and its counter raised by one. */
  public TaskContext withAgentData(AgentAddress agent, Map<String, ?> value) {
    String key = agent.toString();
    long counter = agentData.containsKey(key) ? agentData.get(key).counter() + 1 : 1;
    Map<String, AgentData> copy = new LinkedHashMap<>(agentData);
    copy.put(key, new AgentData(counter, JsonValues.freeze(value)));
    return new TaskContext(params, data, copy);
  }

  /** A param, if present. */
  public Optional<Object> param(String key) {
    return Optional.ofNullable(params.get(key));
  }

  /**
   * The sub-task timeout from the {@code timeout} param: a whole number of seconds, given as a
   * number or a numeric string; {@link #DEFAULT_TIMEOUT_SECONDS} when absent.
   *
   * @return seconds, at least 1
   * @throws DagentException {@link ErrorCode#TASK_TEMPLATE_INVALID} when the param is not a
   *     positive whole number
   */
  public long timeoutSeconds() {
    Object value = params.get("timeout");
    if (value == null) {
      return DEFAULT_TIMEOUT_SECONDS;
    }
    try {
      long seconds = value instanceof Number number && !(value instanceof Double)
          && !(value instanceof Float) ? number.longValue() : Long.parseLong(value.toString());
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below, which names the value
    }
    throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
        "param 'timeout' must be a positive whole number of seconds, got '" + value + "'");
  }
}
