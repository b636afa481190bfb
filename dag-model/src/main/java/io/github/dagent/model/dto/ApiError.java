package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.dagent.model.ErrorCode;
import java.util.List;

/**
 * {@code error} of a failed response. {@code code} is left out when the error has no legacy
 * code, {@code subErrors} when there are none (null or empty).
 *
 * @param code the legacy integer code, null when there is none
 * @param errCode the dotted code clients branch on
 * @param message what was wrong and what to do
 * @param subErrors further errors, null or empty when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"code", "errCode", "message", "subErrors"})
public record ApiError(
    @JsonProperty("code") Integer code,
    @JsonProperty("errCode") String errCode,
    @JsonProperty("message") String message,
    @JsonProperty("subErrors") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<ApiError> subErrors) {

  /**
   * @param errorCode the error's code
   * @param message what was wrong
   * @return the error, without sub-errors
   */
  public static ApiError of(ErrorCode errorCode, String message) {
    int legacy = errorCode.legacyCode();
    return new ApiError(legacy == 0 ? null : legacy, errorCode.errCode(), message, null);
  }
}
