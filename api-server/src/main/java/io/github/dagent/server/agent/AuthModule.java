package io.github.dagent.server.agent;

import dagger.Module;
import dagger.Provides;
import io.github.dagent.crypto.AgentKeys;
import io.github.dagent.crypto.HeaderVerifier;
import io.github.dagent.server.auth.AuthFailures;
import io.github.dagent.server.auth.AuthFilter;
import io.github.dagent.server.config.AgentConfig;
import io.github.dagent.server.http.ErrorMapping;
import io.github.dagent.server.http.HeadCheck;
import io.github.dagent.server.http.Router;
import io.github.dagent.server.route.AgentIdentity;
import io.github.dagent.server.route.AgentRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The key pair (made on first start in {@code <data>/keys/agent_rsa.pem}, owner-only, and kept
 * so that clients that cached the public key keep working), the header verifier and the auth
 * filter in front of the routes.
 */
@Module
final class AuthModule {
  private AuthModule() {}

  /** The file holding the agent's private key, relative to the data directory. */
  static final String KEY_FILE = "keys/agent_rsa.pem";

  @Provides
  @Singleton
  static AgentKeys keys(AgentConfig config) {
    Path file = config.dataDir().resolve(KEY_FILE);
    try {
      return AgentKeys.loadOrCreate(file, AgentKeys.DEFAULT_BITS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load or create the agent key " + file
          + "; fix its permissions (0600) or remove it to make a new one", e);
    }
  }

  @Provides
  @Singleton
  static HeaderVerifier verifier(AgentKeys keys) {
    return HeaderVerifier.builder(keys).build();
  }

  @Provides
  @Singleton
  static AgentRoutes agentRoutes(AgentIdentity identity, AgentKeys keys) {
    return new AgentRoutes(identity, keys.publicKeyBase64());
  }

  @Provides
  @Singleton
  static ErrorMapping errorMapping() {
    return new ErrorMapping(List.of(AuthFailures::translate));
  }

  @Provides
  @Singleton
  static AuthFilter authFilter(AgentConfig config, Router router, HeaderVerifier verifier) {
    return new AuthFilter(router, verifier, config.password());
  }

  @Provides
  @Named("guarded")
  static io.undertow.server.HttpHandler guarded(AuthFilter filter) {
    return filter;
  }

  @Provides
  static HeadCheck headCheck(AuthFilter filter) {
    return filter;
  }
}
