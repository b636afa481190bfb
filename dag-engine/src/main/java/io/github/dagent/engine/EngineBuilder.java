package io.github.dagent.engine;

import io.github.dagent.model.AgentAddress;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds an {@link Engine} with plain arguments, no container:
 *
 * <pre>{@code
 * Engine engine = EngineBuilder.create(store, registry)
 *     .agent(new AgentAddress("127.0.0.1", 2886))
 *     .workers(8)
 *     .build();
 * engine.start();
 * }</pre>
 *
 * <p>Defaults: agent 127.0.0.1:2886, 8 workers, the UTC system clock, a sweep every second,
 * and a 2 s grace before a run that ignores interruption is abandoned. Not thread-safe; build
 * on one thread.
 */
public final class EngineBuilder {
  private final DagStore store;
  private final boolean ownsStore;
  private final TaskRegistry registry;
  private AgentAddress agent = new AgentAddress("127.0.0.1", 2886);
  private int workers = 8;
  private Clock clock = Clock.systemUTC();
  private Duration sweepInterval = Duration.ofSeconds(1);
  private Duration abandonGrace = Duration.ofSeconds(2);

  private EngineBuilder(DagStore store, boolean ownsStore, TaskRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.ownsStore = ownsStore;
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * @param store an open store; the host keeps owning it and closes it after the engine
   * @param registry the task types
   * @return a builder with the defaults above
   */
  public static EngineBuilder create(DagStore store, TaskRegistry registry) {
    return new EngineBuilder(store, false, registry);
  }

  /**
   * Opens the store with the plugin that claims the URL ({@link DagStores#open}); the engine
   * owns it and closes it in {@link Engine#close}.
   *
   * @param jdbcUrl for example {@code jdbc:sqlite:/var/lib/dagent/dagent.db}
   * @param registry the task types
   * @return a builder with the defaults above
   * @throws io.github.dagent.store.StoreException when no plugin claims the URL or it fails
   */
  public static EngineBuilder create(String jdbcUrl, TaskRegistry registry) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(registry, "registry");
    return new EngineBuilder(DagStores.open(jdbcUrl), true, registry);
  }

  /** The agent this engine runs as; sub-tasks without an execute agent run here. */
  public EngineBuilder agent(AgentAddress value) {
    this.agent = Objects.requireNonNull(value, "agent");
    return this;
  }

  /**
   * @param value how many sub-tasks run at once, at least 1
   * @return this builder
   * @throws IllegalArgumentException when below 1
   */
  public EngineBuilder workers(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + value);
    }
    this.workers = value;
    return this;
  }

  /** The clock for every stored time (start, end, log lines); timeouts use real time. */
  public EngineBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /**
   * @param value how often every unfinished dag is looked at even without a wake-up, positive
   * @return this builder
   * @throws IllegalArgumentException when not positive
   */
  public EngineBuilder sweepInterval(Duration value) {
    this.sweepInterval = requirePositive(value, "sweepInterval");
    return this;
  }

  /**
   * @param value how long a run may ignore interruption after its timeout or CANCEL before it
   *     is abandoned, positive
   * @return this builder
   * @throws IllegalArgumentException when not positive
   */
  public EngineBuilder abandonGrace(Duration value) {
    this.abandonGrace = requirePositive(value, "abandonGrace");
    return this;
  }

  /** The engine, not started yet: call {@link Engine#start()}. */
  public Engine build() {
    return new DagEngine(store, ownsStore, registry, agent, new EngineClock(clock), workers,
        sweepInterval, abandonGrace);
  }

  private static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
