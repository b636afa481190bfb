package io.github.dagent.store;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.Maintenance;

/** A maintenance lock is held by another unfinished dag; {@link #holderDagId()} names it. */
public final class MaintenanceLockedException extends DagentException {
  private static final long serialVersionUID = 1L;

  private final long holderDagId;
  private final Maintenance wanted;

  /**
   * @param wanted the lock that was asked for
   * @param holderDagId the dag holding a conflicting lock
   */
  public MaintenanceLockedException(Maintenance wanted, long holderDagId) {
    super(ErrorCode.TASK_MAINTENANCE_LOCKED, message(wanted, Long.toString(holderDagId)));
    this.holderDagId = holderDagId;
    this.wanted = wanted;
  }

  /**
   * The message with the holder named as a client knows it (the store only knows its primary
   * key, which clients cannot use).
   *
   * @param holder the holding dag's name for clients, such as its generic id
   * @return the same message as {@link #getMessage()}, naming the holder by {@code holder}
   */
  public String messageNaming(String holder) {
    return message(wanted, holder);
  }

  private static String message(Maintenance wanted, String holder) {
    return describe(wanted) + " is held by dag " + holder
        + "; wait until it finishes, or retry, roll back, pass or cancel it";
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
