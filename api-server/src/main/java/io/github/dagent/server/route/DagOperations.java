package io.github.dagent.server.route;

import io.github.dagent.model.Operator;

/** What the operator route asks of the engine; the agent component binds it to the engine. */
@FunctionalInterface
public interface DagOperations {
  /**
   * Applies RETRY, ROLLBACK, CANCEL or PASS to a dag in one transaction.
   *
   * @param dagId the dag's primary key
   * @param operator the operator
   * @throws io.github.dagent.model.DagentException with the protocol's code when refused;
   *     nothing changes then
   */
  void operate(long dagId, Operator operator);
}
