package io.github.dagent.server.config;

/** Masks credentials in JDBC URLs before they are printed or logged. */
public final class StoreUrls {
  private StoreUrls() {}

  /**
   * @param url a JDBC URL
   * @return the URL with {@code password=...} values and {@code user:password@} parts masked
   */
  public static String masked(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****")
        .replaceAll("(//[^/:@]+:)[^@/]*@", "$1****@");
  }
}
