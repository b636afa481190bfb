package io.github.dagent.server.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** dagent's own version, from the build. */
public final class Versions {
  private Versions() {}

  /** The version Maven built, such as {@code 0.1.0}; {@code unknown} outside a build. */
  public static String dagent() {
    try (InputStream in = Versions.class.getResourceAsStream(
        "/io/github/dagent/server/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dagent's version resource", e);
    }
  }
}
