package io.github.dagent.server.agent;

import dagger.Module;
import dagger.Provides;
import io.github.dagent.model.dto.TaskDetails;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.server.http.DrainGate;
import io.github.dagent.server.http.Envelope;
import io.github.dagent.server.http.ErrorMapping;
import io.github.dagent.server.http.HeadCheck;
import io.github.dagent.server.http.RequestScope;
import io.github.dagent.server.http.Router;
import io.github.dagent.server.http.TraceIds;
import io.github.dagent.server.plan.DagSubmitRoute;
import io.github.dagent.server.route.AgentIdentity;
import io.github.dagent.server.route.AgentRoutes;
import io.github.dagent.server.route.DagOperations;
import io.github.dagent.server.route.TaskRoutes;
import io.github.dagent.server.task.BuiltInTaskModule;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import io.github.dagent.store.StoreConfig;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import javax.inject.Named;
import javax.inject.Singleton;
import org.xnio.Options;

/** How the parts of an agent are made from its config. */
@Module(includes = {EngineModule.class, AuthModule.class, BuiltInTaskModule.class})
final class AgentModule {
  /**
   * Undertow's own entity cap sits a little above ours, so that our reader sees the excess
   * first and answers 413 in the envelope; Undertow's cap only cuts off a client that keeps
   * sending after that.
   */
  private static final long ENTITY_SLACK = 64 << 10;

  private AgentModule() {}

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemDefaultZone();
  }

  @Provides
  @Singleton
  static ListenAddress listenAddress(AgentConfig config) {
    return ListenAddress.resolve(config);
  }

  @Provides
  @Singleton
  static DagStore store(AgentConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataDir()
          + "; pass a writable --data", e);
    }
    return DagStores.open(StoreConfig.of(config.storeUrl())
        .withListener(config.statementListener()));
  }

  @Provides
  @Singleton
  static TaskDetails taskDetails(Clock clock) {
    return new TaskDetails(clock.getZone());
  }

  @Provides
  @Singleton
  static AgentIdentity identity(AgentConfig config, ListenAddress listen, Clock clock) {
    return new AgentIdentity(listen.self(), AgentIdentity.WIRE_VERSION, Versions.dagent(),
        config.password().isPresent(), ProcessHandle.current().pid(), Instant.now(clock),
        config.dataDir());
  }

  @Provides
  @Singleton
  static Envelope envelope(Clock clock) {
    return new Envelope(clock);
  }

  @Provides
  @Singleton
  static Router router(AgentConfig config, Envelope envelope, TaskRoutes tasks,
      AgentRoutes agentRoutes, DagSubmitRoute submit) {
    Router.Builder router = Router.builder(envelope);
    agentRoutes.addTo(router);
    tasks.addTo(router);
    submit.addTo(router);
    return router.build();
  }

  @Provides
  @Singleton
  static TaskRoutes taskRoutes(DagStore store, ListenAddress listen, DagOperations operations,
      TaskDetails details) {
    return new TaskRoutes(store, listen.self(), operations, details);
  }

  @Provides
  @Singleton
  static DrainGate gate(AgentConfig config, @Named("guarded") HttpHandler guarded,
      HeadCheck head, Envelope envelope, ErrorMapping errors) {
    AgentConfig.Limits limits = config.limits();
    HttpHandler scoped = new RequestScope(guarded, head, new TraceIds(), envelope, errors,
        limits.maxBodyBytes(), limits.readTimeout());
    return new DrainGate(scoped);
  }

  @Provides
  @Singleton
  static Undertow server(AgentConfig config, ListenAddress listen,
      DrainGate gate) {
    AgentConfig.Limits limits = config.limits();
    int readMillis = (int) limits.readTimeout().toMillis();
    int idleMillis = (int) limits.idleTimeout().toMillis();
    return Undertow.builder()
        .addHttpListener(listen.port(), listen.bind())
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.maxBodyBytes() + ENTITY_SLACK)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, readMillis)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMillis)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleMillis)
        .setSocketOption(Options.READ_TIMEOUT, readMillis)
        .setSocketOption(Options.WRITE_TIMEOUT, readMillis)
        .setHandler(gate)
        .build();
  }

  @Provides
  @Singleton
  static Agent agent(AgentConfig config, AgentIdentity identity, Undertow server,
      DrainGate gate, EngineLifecycle engine, DagStore store) {
    return new Agent(config, identity, server, gate, engine, store.description());
  }
}
