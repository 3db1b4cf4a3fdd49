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
   * A JDBC URL or redis URI without what may hold a password ({@link
   * dev.cogworks.core.internal.config.UrlRedaction}).
   */
  static String redact(String url) {
    return dev.cogworks.core.internal.config.UrlRedaction.redact(url);
  }
}
