package io.github.dagent.server.agent;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import io.github.dagent.engine.Engine;
import io.github.dagent.engine.EngineBuilder;
import io.github.dagent.engine.TaskRegistry;
import io.github.dagent.engine.TaskType;
import io.github.dagent.server.route.DagOperations;
import io.github.dagent.store.DagStore;
import java.util.Set;
import javax.inject.Singleton;

/**
 * The engine and the task types it runs. A task type joins the agent by one more
 * {@code @Provides @IntoSet TaskType} method in a module of the component.
 */
@Module
abstract class EngineModule {
  private EngineModule() {}

  /** Every task type the agent runs; empty until a module contributes one. */
  @Multibinds
  abstract Set<TaskType> taskTypes();

  @Provides
  @Singleton
  static TaskRegistry registry(Set<TaskType> types) {
    TaskRegistry registry = new TaskRegistry();
    types.forEach(registry::register);
    return registry;
  }

  @Provides
  @Singleton
  static Engine engine(DagStore store, TaskRegistry registry, ListenAddress listen) {
    return EngineBuilder.create(store, registry).agent(listen.self()).build();
  }

  @Provides
  @Singleton
  static DagOperations operations(Engine engine) {
    return engine::operate;
  }

  @Provides
  @Singleton
  static EngineLifecycle lifecycle(Engine engine, DagStore store) {
    return new EngineLifecycle() {
      @Override
      public void start() {
        engine.start();
      }

      @Override
      public void close() {
        try {
          engine.close();
        } finally {
          store.close();
        }
      }
    };
  }
}
