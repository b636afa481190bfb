package io.github.dagent.server.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --server}: {@code http://host:port} or {@code https://host:port}, or a bare
 * {@code host:port} (taken as http). Anything else is refused with the accepted forms.
 */
final class ServerUriConverter implements ITypeConverter<URI> {
  @Override
  public URI convert(String value) {
    String text = value.strip();
    String withScheme = text.contains("://") ? text : "http://" + text;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw refused(value);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty()
        || "/".equals(uri.getRawPath());
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || !bare
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused(value);
    }
    return uri;
  }

  private static TypeConversionException refused(String value) {
    return new TypeConversionException("'" + value + "' is not an agent address; use"
        + " http://HOST:PORT, https://HOST:PORT or HOST:PORT");
  }
}
