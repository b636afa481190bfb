package io.github.dagent.model;

/**
 * Every error a client can see: the dotted {@code errCode} it branches on, the legacy integer
 * code older clients read (0 when there is none) and the HTTP status of the error's kind.
 *
 * <p>A released code is never renumbered or reused; the strings of the protocol table are kept
 * to the letter because existing OBShell clients compare them.
 */
public enum ErrorCode {
  /** A malformed generic id (wrong prefix, non-digits, too short, int64 overflow). */
  TASK_GENERIC_ID_INVALID("Task.GenericID.Invalid", 0, 400),
  /** A well-formed id that names nothing this agent serves. */
  TASK_NOT_FOUND("Task.NotFound", 0, 404),
  /** An operator name that is not one of RETRY, ROLLBACK, CANCEL, PASS. */
  TASK_DAG_OPERATOR_NOT_SUPPORT("Task.Dag.Operator.NotSupport", 0, 400),
  TASK_DAG_OPERATOR_ROLLBACK_NOT_FAILED_DAG("Task.Dag.Operator.RollbackNotFailedDag", 0, 400),
  TASK_DAG_OPERATOR_ROLLBACK_NOT_ALLOWED("Task.Dag.Operator.RollbackNotAllowed", 0, 400),
  TASK_DAG_OPERATOR_RETRY_NOT_FAILED_DAG("Task.Dag.Operator.RetryNotFailedDag", 0, 400),
  TASK_DAG_OPERATOR_RETRY_NOT_ALLOWED("Task.Dag.Operator.RetryNotAllowed", 0, 400),
  TASK_DAG_OPERATOR_CANCEL_FINISHED_DAG("Task.Dag.Operator.CancelFinishedDag", 0, 400),
  TASK_DAG_OPERATOR_CANCEL_NOT_ALLOWED("Task.Dag.Operator.CancelNotAllowed", 0, 400),
  TASK_DAG_OPERATOR_PASS_NOT_FAILED_DAG("Task.Dag.Operator.PassNotFailedDag", 0, 400),
  TASK_DAG_OPERATOR_PASS_NOT_ALLOWED("Task.Dag.Operator.PassNotAllowed", 0, 400),
  /** Another operator or the scheduler changed the dag first; the caller may re-read and retry. */
  TASK_DAG_OPERATOR_CONFLICT("Task.Dag.Operator.Conflict", 0, 400),
  /** A maintenance lock this dag needs is held by another unfinished dag. */
  TASK_MAINTENANCE_LOCKED("Task.Maintenance.Locked", 0, 400),
  /** A template or plan that cannot become a dag; the message names the field. */
  TASK_TEMPLATE_INVALID("Task.Template.Invalid", 0, 400),
  /** A state name or stored code that is not one of the five states. */
  TASK_STATE_INVALID("Task.State.Invalid", 0, 400),
  /** Two sub-tasks put values of different JSON types under one additional-data key. */
  TASK_ADDITIONAL_DATA_CONFLICT("Task.AdditionalData.Conflict", 0, 500),

  SECURITY_HEADER_DECRYPT_FAILED("Security.Authentication.Header.DecryptFailed", 1, 401),
  SECURITY_EXPIRED("Security.Authentication.Expired", 10008, 401),
  SECURITY_TIMESTAMP_INVALID("Security.Authentication.Timestamp.Invalid", 10008, 401),
  SECURITY_URI_MISMATCH("Security.Authentication.Header.UriMismatch", 10008, 401),
  SECURITY_WITH_AGENT_PASSWORD("Security.Authentication.WithAgentPassword", 10008, 401),
  SECURITY_INCORRECT_AGENT_PASSWORD("Security.Authentication.IncorrectAgentPassword", 10008, 401),
  SECURITY_INCORRECT_OCEANBASE_PASSWORD(
      "Security.Authentication.IncorrectOceanbasePassword", 10008, 401),
  SECURITY_REPLAYED("Security.Authentication.Replayed", 10008, 401),
  COMMON_UNAUTHORIZED("Common.Unauthorized", 10008, 401),

  REQUEST_HEADER_NOT_FOUND("Request.Header.NotFound", 0, 400),
  REQUEST_QUERY_PARAM_ILLEGAL("Request.Query.Param.Illegal", 0, 400),
  REQUEST_BODY_ILLEGAL("Request.Body.Illegal", 0, 400),
  REQUEST_BODY_TOO_LARGE("Request.Body.TooLarge", 0, 413),
  REQUEST_ROUTE_NOT_FOUND("Request.Route.NotFound", 0, 404),
  REQUEST_METHOD_NOT_ALLOWED("Request.Method.NotAllowed", 0, 405),

  /** The store could not be opened: bad URL, missing directory, corrupt or newer file. */
  STORE_UNAVAILABLE("Store.Unavailable", 0, 500),
  /** Anything unplanned; the client sees no stack trace or SQL, the log has it. */
  COMMON_UNEXPECTED("Common.Unexpected", 0, 500);

  private final String errCode;
  private final int legacyCode;
  private final int httpStatus;

  ErrorCode(String errCode, int legacyCode, int httpStatus) {
    this.errCode = errCode;
    this.legacyCode = legacyCode;
    this.httpStatus = httpStatus;
  }

  /** The dotted code clients branch on, for example {@code Task.NotFound}. */
  public String errCode() {
    return errCode;
  }

  /** The legacy integer code, 0 when the error has none (then it is left out on the wire). */
  public int legacyCode() {
    return legacyCode;
  }

  /** The HTTP status of this error's kind. */
  public int httpStatus() {
    return httpStatus;
  }
}
