package io.github.dagent.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task types a host offers, by stable name. Register every type before the engine starts:
 * a stored sub-task whose type is missing fails with a log line naming the type.
 *
 * <p>Thread-safe; registering while the engine runs is allowed and takes effect for sub-tasks
 * claimed afterwards.
 */
public final class TaskRegistry {
  private final Map<String, TaskType> types = new ConcurrentHashMap<>();

  /**
   * Registers a type under its {@link TaskType#name()}.
   *
   * @param type the type; its name must be unique in this registry
   * @return this registry, for chaining
   * @throws IllegalArgumentException when a type with the same name is already registered
   * @throws NullPointerException when the type or its name or capabilities are null
   */
  public TaskRegistry register(TaskType type) {
    Objects.requireNonNull(type, "type");
    String name = Objects.requireNonNull(type.name(), "type.name()");
    Objects.requireNonNull(type.capabilities(), "type.capabilities()");
    TaskType previous = types.putIfAbsent(name, type);
    if (previous != null) {
      throw new IllegalArgumentException("task type '" + name + "' is already registered by "
          + previous.getClass().getName() + "; give each type its own stable name");
    }
    return this;
  }

  /**
   * @param name a type's stable name
   * @return the registered type, or empty when none has that name
   */
  public Optional<TaskType> find(String name) {
    return Optional.ofNullable(types.get(Objects.requireNonNull(name, "name")));
  }

  /** The registered names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(types.keySet());
  }
}
