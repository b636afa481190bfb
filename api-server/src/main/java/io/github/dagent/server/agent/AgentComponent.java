package io.github.dagent.server.agent;

import dagger.BindsInstance;
import dagger.Component;
import io.github.dagent.engine.Engine;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.store.DagStore;
import javax.inject.Singleton;

/**
 * Builds a whole agent from its config: store, engine, key pair, auth filter, routes and HTTP
 * server. The CLI and the tests build it the same way:
 *
 * <pre>{@code
 * Agent agent = AgentComponent.create(config).agent();
 * agent.start();
 * }</pre>
 *
 * <p>Building opens the store and loads or makes the key pair; nothing listens until
 * {@link Agent#start()}.
 */
@Singleton
@Component(modules = AgentModule.class)
public interface AgentComponent {
  /** The agent, built once per component. */
  Agent agent();

  /** The store the agent serves, open from the moment the component is built. */
  DagStore store();

  /** The engine behind the operator routes; started by {@link Agent#start()}. */
  Engine engine();

  /**
   * @param config the agent's settings
   * @return a component for that config
   */
  static AgentComponent create(AgentConfig config) {
    return DaggerAgentComponent.factory().create(config);
  }

  /** Makes a component from a config. */
  @Component.Factory
  interface Factory {
    /**
     * @param config the agent's settings
     * @return the component
     */
    AgentComponent create(@BindsInstance AgentConfig config);
  }
}
