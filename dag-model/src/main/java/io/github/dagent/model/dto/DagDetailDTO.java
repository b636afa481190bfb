package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A dag as clients see it. Every key is always written; absent values are null.
 *
 * @param id generic id
 * @param dagId primary key
 * @param name name
 * @param stage current stage
 * @param maxStage number of stages
 * @param maintenanceType 0 none, 1 global, 2 tenant
 * @param maintenanceKey the tenant for a tenant lock, empty otherwise
 * @param state upper-case state
 * @param operator upper-case operator
 * @param startTime RFC 3339
 * @param endTime RFC 3339
 * @param additionalData the merged data of all its sub-tasks, {@code {}} when none
 * @param nodes its nodes when details are asked for, null otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "dag_id", "name", "stage", "max_stage", "maintenance_type",
    "maintenance_key", "state", "operator", "start_time", "end_time", "additional_data",
    "nodes"})
public record DagDetailDTO(
    @JsonProperty("id") String id,
    @JsonProperty("dag_id") long dagId,
    @JsonProperty("name") String name,
    @JsonProperty("stage") int stage,
    @JsonProperty("max_stage") int maxStage,
    @JsonProperty("maintenance_type") int maintenanceType,
    @JsonProperty("maintenance_key") String maintenanceKey,
    @JsonProperty("state") String state,
    @JsonProperty("operator") String operator,
    @JsonProperty("start_time") String startTime,
    @JsonProperty("end_time") String endTime,
    @JsonProperty("additional_data") Map<String, Object> additionalData,
    @JsonProperty("nodes") List<NodeDetailDTO> nodes) {}
