package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code execute_agent} of a sub-task.
 *
 * @param ip the agent's IP literal
 * @param port the agent's port
 */
public record ExecuteAgentDTO(@JsonProperty("ip") String ip, @JsonProperty("port") int port) {}
