package io.github.dagent.server.http;

import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.dto.ApiError;

/**
 * An error as it goes on the wire: status and {@code error} object.
 *
 * @param status the HTTP status
 * @param error the envelope's {@code error}
 */
public record Failure(int status, ApiError error) {
  /**
   * @param code the error's code, which gives status, errCode and legacy code
   * @param message what was wrong and what to do
   * @return the failure
   */
  public static Failure of(ErrorCode code, String message) {
    return new Failure(code.httpStatus(), ApiError.of(code, message));
  }
}
