package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One log row of a sub-task, as GET /api/v1/task/sub_task/{id}/logs lists them.
 *
 * @param taskId the sub-task's primary key
 * @param executeTimes the run the line belongs to
 * @param logContent the line
 * @param createTime when it was written, RFC 3339
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"task_id", "execute_times", "log_content", "create_time"})
public record TaskLogDTO(
    @JsonProperty("task_id") long taskId,
    @JsonProperty("execute_times") int executeTimes,
    @JsonProperty("log_content") String logContent,
    @JsonProperty("create_time") String createTime) {}
