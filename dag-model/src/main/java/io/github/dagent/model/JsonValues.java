package io.github.dagent.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies and merges of JSON-shaped values (maps with string keys, lists, strings,
 * numbers, booleans and null) as context and additional data hold them.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * @param map a JSON object
   * @return an unmodifiable deep copy that keeps key order
   * @throws IllegalArgumentException if a value is not JSON-shaped
   */
  public static Map<String, Object> freeze(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(requireKey(key), freezeValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Context rule: maps merge key by key recursively, any other value is replaced by the later
   * one, whatever its type; a later JSON null replaces too.
   *
   * @param earlier the earlier object
   * @param later the later object, whose values win
   * @return the merged, unmodifiable object
   */
  public static Map<String, Object> mergeLaterWins(
      Map<String, Object> earlier, Map<String, Object> later) {
    Map<String, Object> merged = new LinkedHashMap<>(earlier);
    // Not Map.merge: it rejects a null value and drops the key, and JSON null is a value here.
    later.forEach((key, value) -> merged.put(key, laterWins(merged.get(key), value)));
    return freeze(merged);
  }

  /**
   * Additional-data rule: lists concatenate, maps merge key by key recursively, any other
   * value is replaced by the later one. A null never conflicts.
   *
   * @param earlier the earlier object
   * @param later the later object
   * @return the merged, unmodifiable object
   * @throws DagentException {@link ErrorCode#TASK_ADDITIONAL_DATA_CONFLICT} when one key holds
   *     values of different JSON types; the message names the key's path
   */
  public static Map<String, Object> mergeStrict(
      Map<String, Object> earlier, Map<String, Object> later) {
    return freeze(mergeStrictAt("", earlier, later));
  }

  private static Map<String, Object> mergeStrictAt(
      String path, Map<String, ?> earlier, Map<String, ?> later) {
    Map<String, Object> merged = new LinkedHashMap<>(earlier);
    for (Map.Entry<String, ?> entry : later.entrySet()) {
      String key = entry.getKey();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      merged.put(key, strict(keyPath, merged.get(key), entry.getValue()));
    }
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static Object strict(String path, Object earlier, Object later) {
    if (earlier == null || later == null) {
      return later == null ? earlier : later;
    }
    String earlierType = typeOf(earlier);
    String laterType = typeOf(later);
    if (!earlierType.equals(laterType)) {
      throw new DagentException(ErrorCode.TASK_ADDITIONAL_DATA_CONFLICT,
          "additional data key '" + path + "' holds a " + earlierType + " and a " + laterType
              + "; a task wrote values of different JSON types under one key");
    }
    if (earlier instanceof Map<?, ?> map) {
      return mergeStrictAt(path, (Map<String, ?>) map, (Map<String, ?>) later);
    }
    if (earlier instanceof List<?> list) {
      List<Object> joined = new ArrayList<>(list);
      joined.addAll((List<?>) later);
      return joined;
    }
    return later;
  }

  @SuppressWarnings("unchecked")
  private static Object laterWins(Object earlier, Object later) {
    if (earlier instanceof Map<?, ?> a && later instanceof Map<?, ?> b) {
      return mergeLaterWins((Map<String, Object>) a, (Map<String, Object>) b);
    }
    return later;
  }

  private static String typeOf(Object value) {
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    return "boolean";
  }

  private static Object freezeValue(Object value) {
    if (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, inner) -> copy.put(requireKey(key), freezeValue(inner)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(inner -> copy.add(freezeValue(inner)));
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "value of type " + value.getClass().getName() + " is not JSON-shaped");
  }

  private static String requireKey(Object key) {
    if (key instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException("JSON object keys must be strings, got " + key);
  }
}
