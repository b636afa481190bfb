package io.github.dagent.engine;

import io.github.dagent.model.Dag;
import io.github.dagent.model.SubTask;
import io.github.dagent.store.ChangeSet;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler decided for one dag: changes to commit (empty when nothing changes), the
 * dag as it will be, and the READY sub-tasks to hand to executors once committed.
 *
 * @param changes the change set, empty when there is nothing to write
 * @param dag the dag after the changes
 * @param ready sub-tasks to hand in
 */
record Step(Optional<ChangeSet> changes, Dag dag, List<SubTask> ready) {
  Step {
    ready = List.copyOf(ready);
  }
}
