package io.github.dagent.server.agent;

/**
 * Starts and stops what runs behind the routes: the engine and, last, its store. The agent
 * component binds it; {@link Agent} calls it.
 */
interface EngineLifecycle {
  /** Recovers and starts scheduling. */
  void start();

  /** Stops the engine, then closes the store. Idempotent. */
  void close();
}
