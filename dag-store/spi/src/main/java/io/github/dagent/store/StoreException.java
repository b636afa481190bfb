package io.github.dagent.store;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;

/**
 * The database could not be opened or used. The message names the store (with credentials
 * masked) and what to do; the cause keeps the driver's error for the log.
 */
public final class StoreException extends DagentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the path or URL
   * @param cause the driver's error, may be null
   */
  public StoreException(String message, Throwable cause) {
    super(ErrorCode.STORE_UNAVAILABLE, message, cause);
  }
}
