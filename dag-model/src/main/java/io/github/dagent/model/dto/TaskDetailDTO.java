package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A sub-task as clients see it. Every key is always written; absent values are null.
 *
 * @param id generic id
 * @param taskId primary key
 * @param name name
 * @param state upper-case state
 * @param operator upper-case operator
 * @param startTime RFC 3339
 * @param endTime RFC 3339
 * @param additionalData its own data when asked for directly, null when embedded
 * @param executeTimes how many times it was started
 * @param executeAgent where it runs
 * @param taskLogs its log lines oldest first; null before its first run
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "task_id", "name", "state", "operator", "start_time", "end_time",
    "additional_data", "execute_times", "execute_agent", "task_logs"})
public record TaskDetailDTO(
    @JsonProperty("id") String id,
    @JsonProperty("task_id") long taskId,
    @JsonProperty("name") String name,
    @JsonProperty("state") String state,
    @JsonProperty("operator") String operator,
    @JsonProperty("start_time") String startTime,
    @JsonProperty("end_time") String endTime,
    @JsonProperty("additional_data") Map<String, Object> additionalData,
    @JsonProperty("execute_times") int executeTimes,
    @JsonProperty("execute_agent") ExecuteAgentDTO executeAgent,
    @JsonProperty("task_logs") List<String> taskLogs) {}
