package io.github.dagent.server.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The task types the standalone agent registers: {@code shell} and {@code sleep}. A host that
 * embeds the engine registers its own types instead (or these beside them).
 */
public final class BuiltInTaskTypes {
  /** The name plans use for shell commands. */
  public static final String SHELL = "shell";
  /** The name plans use for sleeps. */
  public static final String SLEEP = "sleep";

  private BuiltInTaskTypes() {}

  /**
   * @param defaultWorkdir where a shell command runs when its params name no {@code workdir}
   * @return a new shell type; thread-safe, one instance serves every sub-task
   */
  public static PlannedTaskType shell(Path defaultWorkdir) {
    return new ShellTaskType(Objects.requireNonNull(defaultWorkdir, "defaultWorkdir"));
  }

  /** @return the sleep type; thread-safe */
  public static PlannedTaskType sleep() {
    return new SleepTaskType();
  }

  /**
   * @param defaultWorkdir as for {@link #shell(Path)}
   * @return every built-in type
   */
  public static List<PlannedTaskType> all(Path defaultWorkdir) {
    return List.of(shell(defaultWorkdir), sleep());
  }
}
