package io.github.dagent.server.agent;

import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.server.http.DrainGate;
import io.github.dagent.server.config.StoreUrls;
import io.github.dagent.server.route.AgentIdentity;
import io.undertow.Undertow;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: the HTTP server in front of the engine and its store. Built by
 * {@link AgentComponent}; {@link #start()} opens the port, {@link #close()} drains and stops.
 *
 * <p>Stopping, in order: stop taking requests and wait up to the grace period for those in
 * flight; stop the HTTP server; close the engine (it interrupts running sub-tasks and leaves
 * the store for recovery); close the store. {@link #close()} is idempotent and never waits for
 * a concurrent close, so a second SIGTERM while stopping cannot deadlock; a close that arrives
 * while {@link #start()} runs waits for it (start is bounded: recovery and a bind) and then
 * stops what it started. Thread-safe.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final Logger STARTUP = LoggerFactory.getLogger("io.github.dagent.server.startup");

  private final AgentConfig config;
  private final AgentIdentity identity;
  private final Undertow server;
  private final DrainGate gate;
  private final EngineLifecycle engine;
  private final String storeDescription;
  private final Object lifecycle = new Object();
  private final AtomicBoolean closing = new AtomicBoolean();
  private boolean started;
  private boolean serving;
  private DataDirLock dataDirLock;
  private final CountDownLatch closed = new CountDownLatch(1);

  Agent(AgentConfig config, AgentIdentity identity, Undertow server,
      DrainGate gate, EngineLifecycle engine, String storeDescription) {
    this.config = config;
    this.identity = identity;
    this.server = server;
    this.gate = gate;
    this.engine = engine;
    this.storeDescription = storeDescription;
  }

  /**
   * Locks the data directory, starts the engine (which recovers what the store holds) and
   * then the HTTP server.
   *
   * @throws IllegalStateException when called twice, or when another agent runs on the same
   *     data directory (then nothing was recovered)
   * @throws RuntimeException when the port cannot be bound; the engine is closed again then
   */
  public void start() {
    synchronized (lifecycle) {
      if (started || closing.get()) {
        throw new IllegalStateException("the agent is already started or stopping");
      }
      started = true;
      dataDirLock = DataDirLock.acquire(config.dataDir());
      try {
        engine.start();
        listen();
      } catch (RuntimeException e) {
        engine.close();
        releaseDataDir();
        throw e;
      }
      serving = true;
    }
    STARTUP.info("agent started: {}", startupLine());
  }

  /**
   * @return the one line printed at start: version, address, store URL with credentials
   *     masked, and whether auth is on
   */
  public String startupLine() {
    return "dagent " + identity.dagentVersion() + " listening on http://"
        + identity.address() + " store=" + StoreUrls.masked(storeDescription)
        + " auth=" + (identity.security() ? "on" : "off") + " data="
        + config.dataDir().toAbsolutePath();
  }

  /** Who this agent is: address, versions, whether a password is set. */
  public AgentIdentity identity() {
    return identity;
  }

  /** The base URI clients reach, such as {@code http://127.0.0.1:2886}. */
  public URI baseUri() {
    return URI.create("http://" + identity.address());
  }

  /**
   * Blocks until {@link #close()} has finished.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    synchronized (lifecycle) {
      try {
        LOG.info("agent stopping: draining requests for up to {} ms",
            config.limits().shutdownGrace().toMillis());
        drain();

        stopServer();

        engine.close();
        releaseDataDir();
        LOG.info("agent stopped");
      } finally {
        closed.countDown();
      }
    }
  }

  /**
   * Closes the gate and waits for requests in flight. The listeners are not suspended:
   * Undertow's {@code ListenerInfo.suspend()} also closes every open connection, which would
   * cut off the very requests this waits for; the closed gate turns new requests away.
   */
  private void drain() {
    gate.close();
    try {
      if (!gate.awaitIdle(config.limits().shutdownGrace().toMillis())) {
        LOG.warn("requests still in flight after the grace period; stopping anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while draining requests; stopping now");
    }
  }

  private void listen() {
    try {
      server.start();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalStateException("cannot listen on " + identity.address() + ": "
          + root.getMessage() + "; stop the process using it, or choose another --port", e);
    }
  }

  private void releaseDataDir() {
    if (dataDirLock != null) {
      dataDirLock.close();
      dataDirLock = null;
    }
  }

  private void stopServer() {
    if (!serving) {
      return;
    }
    try {
      server.stop();
    } catch (RuntimeException e) {
      LOG.warn("the HTTP server did not stop cleanly; closing the engine anyway", e);
    }
  }
}
