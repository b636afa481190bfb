package io.github.dagent.server.route;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagentException;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.MaintenanceLockedException;
import java.util.Optional;

/**
 * Names the dag that holds a maintenance lock by its generic id: the store's refusal carries
 * only the holder's primary key, which a client cannot use in any route. Thread-safe.
 */
public final class LockHolders {
  private LockHolders() {}

  /**
   * @param store where the holder is looked up
   * @param refusal the store's refusal
   * @param prefix put before the message (such as {@code "maintenance: "}), may be empty
   * @return the same refusal ({@code Task.Maintenance.Locked}) naming the holder by its generic
   *     id; when the holder is gone already, by its primary key as before
   */
  public static DagentException named(DagStore store, MaintenanceLockedException refusal,
      String prefix) {
    Optional<Dag> holder = store.findDag(refusal.holderDagId());
    String message = holder.map(dag -> refusal.messageNaming(dag.genericId().toString()))
        .orElse(refusal.getMessage());
    return new DagentException(refusal.code(), prefix + message, refusal);
  }
}
