package io.github.dagent.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/** Opens a {@link DagStore} with the plugin that claims its JDBC URL. */
public final class DagStores {
  private DagStores() {}

  /**
   * @param url a JDBC URL
   * @return the open store
   * @throws StoreException when no plugin on the class path claims the URL, or it fails to open
   */
  public static DagStore open(String url) {
    return open(StoreConfig.of(url));
  }

  /**
   * @param config the URL and settings
   * @return the open store
   * @throws StoreException when no plugin on the class path claims the URL, or it fails to open
   */
  public static DagStore open(StoreConfig config) {
    Objects.requireNonNull(config, "config");
    List<String> names = new ArrayList<>();
    for (DagStoreProvider provider : ServiceLoader.load(DagStoreProvider.class)) {
      if (provider.accepts(config.url())) {
        return provider.open(config);
      }
      names.add(provider.name());
    }
    throw new StoreException("no store plugin accepts '" + masked(config)
        + "'; plugins on the class path: " + (names.isEmpty() ? "none" : names)
        + " (use jdbc:sqlite:<file> or jdbc:h2:file:<path> / jdbc:h2:mem:<name>)", null);
  }

  private static String masked(StoreConfig config) {
    return config.url().replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
