package io.github.dagent.engine;

import io.github.dagent.model.SubTask;
import io.github.dagent.store.ChangeSet;

/** What the executor asks of the scheduler; lets the two be built one after the other. */
interface Advancer {
  /** Asks the scheduler to look at a dag soon. */
  void wake(long dagId);

  /**
   * Stores a finished run, together with the step it makes possible when there is one.
   *
   * @param finish the sub-task's compare-and-set update and its log line, if any
   * @param done the sub-task as finished
   * @return true when the finish was stored; false when the row had changed
   */
  boolean commitFinished(ChangeSet finish, SubTask done);
}
