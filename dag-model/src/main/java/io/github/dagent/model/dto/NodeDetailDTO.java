package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A node as clients see it. Every key is always written; absent values are null.
 *
 * @param id generic id
 * @param nodeId primary key
 * @param name name
 * @param state upper-case state
 * @param operator upper-case operator
 * @param startTime RFC 3339
 * @param endTime RFC 3339
 * @param additionalData its sub-tasks' merged data when asked for directly, null when embedded
 * @param subTasks its sub-tasks when details are asked for, null otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "node_id", "name", "state", "operator", "start_time", "end_time",
    "additional_data", "sub_tasks"})
public record NodeDetailDTO(
    @JsonProperty("id") String id,
    @JsonProperty("node_id") long nodeId,
    @JsonProperty("name") String name,
    @JsonProperty("state") String state,
    @JsonProperty("operator") String operator,
    @JsonProperty("start_time") String startTime,
    @JsonProperty("end_time") String endTime,
    @JsonProperty("additional_data") Map<String, Object> additionalData,
    @JsonProperty("sub_tasks") List<TaskDetailDTO> subTasks) {}
