package dev.cogworks.core.internal.relay;

/**
 * The engine under {@code external_gateway}: PostgreSQL or Redis, as {@code
 * messaging.gateway.queue_type} says ({@code RelayEngines} opens the right one). The bot takes a
 * {@link RelayClient} from it, a worker a {@link RelayInbox}; both share its {@link
 * SharedRateLimits}. Closing it closes its connections; whoever opened it closes it.
 */
public interface RelayEngine extends AutoCloseable {
  RelayClient client();

  RelayInbox<?> inbox();

  SharedRateLimits rateLimits();

  /** Its workers and its engine-wide pause. */
  EngineControl control();

  /** Cache invalidations from the bot to the workers. */
  Invalidations invalidations();

  /** Where it is, for messages: its URL {@link #redact redacted}. */
  String where();

  @Override
  void close();

  /**
   * A JDBC URL or redis URI without what may hold a password: the user info ({@code
   * redis://:secret@host}) and the query string ({@code ?password=secret}).
   */
  static String redact(String url) {
    int query = url.indexOf('?');
    String bare = query < 0 ? url : url.substring(0, query);
    // Up to the last @: a password may hold '/' or '@' that its writer did not escape.
    return bare.replaceAll("//.*@", "//");
  }
}
