package io.github.dagent.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's private part of a context, with the counter of its updates: when two contexts
 * are merged, the map with the higher counter wins.
 *
 * @param counter how many times the agent updated it
 * @param data the agent's map
 */
public record AgentData(
    @JsonProperty("counter") long counter, @JsonProperty("data") Map<String, Object> data) {
  /** Copies the map. */
  @JsonCreator
  public AgentData {
    data = JsonValues.freeze(Objects.requireNonNull(data, "data"));
  }
}
