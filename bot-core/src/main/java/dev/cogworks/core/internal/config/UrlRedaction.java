package dev.cogworks.core.internal.config;

/**
 * A JDBC URL or redis URI for messages, without what may hold a password: the user info ({@code
 * redis://:secret@host}) and the query string ({@code ?password=secret}). Config errors and the
 * engines' messages both use it; both reach the log and owners' Discord replies.
 */
public final class UrlRedaction {
  private UrlRedaction() {}

  public static String redact(String url) {
    int query = url.indexOf('?');
    String bare = query < 0 ? url : url.substring(0, query);
    // Up to the last @: a password may hold '/' or '@' that its writer did not escape.
    return bare.replaceAll("//.*@", "//");
  }
}
