package io.github.dagent.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Keys made once per test JVM (4096-bit generation takes seconds), and a fixed clock. */
final class TestKeys {
  static final long NOW = 1_700_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  private TestKeys() {
  }

  static AgentKeys rsa1024() {
    return Holder1024.KEYS;
  }

  static AgentKeys rsa2048() {
    return Holder2048.KEYS;
  }

  static AgentKeys rsa4096() {
    return Holder4096.KEYS;
  }

  static AgentKeys ofBits(int bits) {
    switch (bits) {
      case 1024: return rsa1024();
      case 2048: return rsa2048();
      case 4096: return rsa4096();
      default: throw new IllegalArgumentException("no test key of " + bits + " bits");
    }
  }

  static AgentKeys make(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return AgentKeys.fromKeyPair(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  private static final class Holder1024 {
    static final AgentKeys KEYS = make(1024);
  }

  private static final class Holder2048 {
    static final AgentKeys KEYS = make(2048);
  }

  private static final class Holder4096 {
    static final AgentKeys KEYS = make(4096);
  }
}
