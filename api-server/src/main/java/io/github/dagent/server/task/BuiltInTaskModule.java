package io.github.dagent.server.task;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.github.dagent.engine.TaskType;
import io.github.dagent.server.config.AgentConfig;

/**
 * Registers the built-in task types with the standalone agent. Shell commands without a
 * {@code workdir} run in {@code <data dir>/work}.
 */
@Module
public final class BuiltInTaskModule {
  private BuiltInTaskModule() {}

  /** @return the shell type, defaulting to the data directory's {@code work} folder */
  @Provides
  @IntoSet
  static TaskType shell(AgentConfig config) {
    return BuiltInTaskTypes.shell(config.dataDir().toAbsolutePath().resolve("work"));
  }

  /** @return the sleep type */
  @Provides
  @IntoSet
  static TaskType sleep() {
    return BuiltInTaskTypes.sleep();
  }
}
