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
 * a 500 {@code Common.Unexpected}. A 5xx carries the original message only when dagent wrote it
 * for the client (a task's conflicting additional data); the store's failures and anything
 * unplanned carry only the trace id, since their text may hold SQL or paths. The log has the
 * whole failure under the trace id. Thread-safe.
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
    if (failure.status() >= 500 && !ownMessage(error)) {
      ApiError original = failure.error();
      return new Failure(failure.status(), new ApiError(original.code(), original.errCode(),
          "the agent failed unexpectedly; its log has the details under traceId " + traceId,
          null));
    }
    return failure;
  }

  /**
   * A dagent error of a 5xx kind other than the store's and the unexpected one (for example
   * {@code Task.AdditionalData.Conflict}) was written by us for the client and holds no SQL.
   */
  private static boolean ownMessage(Throwable error) {
    return error instanceof DagentException dagent
        && dagent.code() != ErrorCode.STORE_UNAVAILABLE
        && dagent.code() != ErrorCode.COMMON_UNEXPECTED
        && !(dagent.getCause() instanceof java.sql.SQLException);
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
