package io.github.dagent.server.auth;

import io.github.dagent.crypto.AuthException;
import io.github.dagent.crypto.AuthFailure;
import io.github.dagent.model.dto.ApiError;
import io.github.dagent.server.http.Failure;
import java.util.Optional;

/** Maps the crypto module's typed refusals to the wire by the codes they carry. */
public final class AuthFailures {
  private AuthFailures() {}

  /**
   * @param error anything a handler threw
   * @return the failure for an {@link AuthException}, empty for any other type
   */
  public static Optional<Failure> translate(Throwable error) {
    if (!(error instanceof AuthException auth)) {
      return Optional.empty();
    }
    AuthFailure failure = auth.failure();
    Integer legacy = failure.legacyCode() == 0 ? null : failure.legacyCode();
    return Optional.of(new Failure(failure.httpStatus(),
        new ApiError(legacy, failure.errCode(), auth.getMessage(), null)));
  }
}
