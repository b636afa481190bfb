package io.github.dagent.server.http;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.dto.ApiError;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns any throwable into the failure a client sees, by its type: a {@link DagentException}
 * by its {@link ErrorCode}, other typed failures by the translators given, anything else into
 * a 500 {@code Common.Unexpected}. A 5xx never carries the original message (it may hold SQL or
 * paths); the log has it under the trace id. Thread-safe.
 */
public final class ErrorMapping {
  private final List<Function<Throwable, Optional<Failure>>> translators;

  /**
   * @param translators tried in order for throwables that are not {@link DagentException}s;
   *     each returns empty for types it does not know
   */
  public ErrorMapping(List<Function<Throwable, Optional<Failure>>> translators) {
    this.translators = List.copyOf(translators);
  }

  /**
   * @param error what a handler threw
   * @param traceId the request's trace id, named in the message of a 5xx
   * @return the failure to send
   */
  public Failure map(Throwable error, String traceId) {
    Failure failure = typed(error).orElseGet(() -> Failure.of(ErrorCode.COMMON_UNEXPECTED, ""));
    if (failure.status() >= 500) {
      ApiError original = failure.error();
      return new Failure(failure.status(), new ApiError(original.code(), original.errCode(),
          "the agent failed unexpectedly; its log has the details under traceId " + traceId,
          null));
    }
    return failure;
  }

  private Optional<Failure> typed(Throwable error) {
    if (error instanceof DagentException dagent) {
      return Optional.of(Failure.of(dagent.code(), dagent.getMessage()));
    }
    for (Function<Throwable, Optional<Failure>> translator : translators) {
      Optional<Failure> failure = translator.apply(error);
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }
}
