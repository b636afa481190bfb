package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The envelope of every {@code /api/v1/...} response. {@code data} is left out when there is
 * nothing to return, {@code error} on success.
 *
 * @param successful true on success
 * @param timestamp when the server finished the request, RFC 3339
 * @param duration whole milliseconds the server spent
 * @param status the HTTP status, repeated
 * @param traceId 16 lower-case hex characters
 * @param data the result, or null
 * @param error the error, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"successful", "timestamp", "duration", "status", "traceId", "data",
    "error"})
public record ApiResponse(
    @JsonProperty("successful") boolean successful,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("duration") long duration,
    @JsonProperty("status") int status,
    @JsonProperty("traceId") String traceId,
    @JsonProperty("data") Object data,
    @JsonProperty("error") ApiError error) {}
