package io.github.dagent.model;

import java.util.Objects;

/**
 * The maintenance lock a dag takes: none, the global lock, or a tenant's lock (key = tenant
 * name). While a dag holding a lock is unfinished, no dag whose lock it {@link #conflictsWith}
 * can be created.
 *
 * @param kind which lock
 * @param key the tenant name for TENANT, empty otherwise
 */
public record Maintenance(MaintenanceKind kind, String key) {
  /** No lock. */
  public static final Maintenance NONE = new Maintenance(MaintenanceKind.NONE, "");
  /** The global lock. */
  public static final Maintenance GLOBAL = new Maintenance(MaintenanceKind.GLOBAL, "");

  /**
   * Checks that a tenant lock names its tenant and other kinds name nothing.
   *
   * @throws DagentException {@link ErrorCode#TASK_TEMPLATE_INVALID} for a tenant lock with a
   *     null or blank key, or a key on another kind
   */
  public Maintenance {
    Objects.requireNonNull(kind, "kind");
    if (kind == MaintenanceKind.TENANT && (key == null || key.isBlank())) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
          "a tenant maintenance lock needs the tenant name as its key");
    }
    Objects.requireNonNull(key, "key");
    if (kind != MaintenanceKind.TENANT && !key.isEmpty()) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID,
          "only a tenant maintenance lock takes a key; got key '" + key + "' for " + kind);
    }
  }

  /**
   * @param tenant the tenant's name, not blank
   * @return the lock of that tenant
   * @throws DagentException {@link ErrorCode#TASK_TEMPLATE_INVALID} when the name is null or
   *     blank
   */
  public static Maintenance tenant(String tenant) {
    return new Maintenance(MaintenanceKind.TENANT, tenant);
  }

  /** True unless this is {@link #NONE}. */
  public boolean isHeld() {
    return kind != MaintenanceKind.NONE;
  }

  /**
   * The lock of a template made by merging two templates: none with X is X; the same tenant
   * twice is that tenant; anything else (global involved, or two different tenants) is global.
   *
   * @param other the other template's lock
   * @return the merged lock
   */
  public Maintenance merge(Maintenance other) {
    Objects.requireNonNull(other, "other");
    if (!isHeld()) {
      return other;
    }
    if (!other.isHeld() || equals(other)) {
      return this;
    }
    return GLOBAL;
  }

  /**
   * Whether two held locks exclude each other: the global lock excludes every lock, a tenant
   * lock excludes the same tenant's lock and the global lock. No lock excludes nothing.
   *
   * @param other the other lock
   * @return true if both cannot be held at once
   */
  public boolean conflictsWith(Maintenance other) {
    if (!isHeld() || !other.isHeld()) {
      return false;
    }
    return kind == MaintenanceKind.GLOBAL || other.kind == MaintenanceKind.GLOBAL
        || key.equals(other.key);
  }
}
