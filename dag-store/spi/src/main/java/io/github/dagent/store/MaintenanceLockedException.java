package io.github.dagent.store;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Maintenance;

/** A maintenance lock is held by another unfinished dag; {@link #holderDagId()} names it. */
public final class MaintenanceLockedException extends DagentException {
  private static final long serialVersionUID = 1L;

  private final long holderDagId;

  /**
   * @param wanted the lock that was asked for
   * @param holderDagId the dag holding a conflicting lock
   */
  public MaintenanceLockedException(Maintenance wanted, long holderDagId) {
    super(ErrorCode.TASK_MAINTENANCE_LOCKED,
        describe(wanted) + " is held by dag " + holderDagId
            + "; wait until it finishes, or retry, roll back or pass it");
    this.holderDagId = holderDagId;
  }

  /** The primary key of the dag that holds the lock. */
  public long holderDagId() {
    return holderDagId;
  }

  private static String describe(Maintenance lock) {
    return switch (lock.kind()) {
      case TENANT -> "a maintenance lock conflicting with tenant '" + lock.key() + "'";
      default -> "a maintenance lock conflicting with the global lock";
    };
  }
}
