package io.github.dagent.store;

/**
 * A storage plugin, registered in {@code META-INF/services/io.github.dagent.store.DagStoreProvider}
 * and found by {@link DagStores#open} from the JDBC URL.
 */
public interface DagStoreProvider {
  /** A short name for logs, for example {@code sqlite}. */
  String name();

  /**
   * @param url a JDBC URL
   * @return true when this plugin serves it, for example it starts with {@code jdbc:sqlite:}
   */
  boolean accepts(String url);

  /**
   * Opens the store, creating or migrating its schema.
   *
   * @param config the URL and settings
   * @return an open store
   * @throws StoreException when the database cannot be opened, is corrupt, or has a newer
   *     schema than this build knows; the message names the path
   */
  DagStore open(StoreConfig config);
}
