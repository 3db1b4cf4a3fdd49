package dev.cogworks.core.internal.relay;

/**
 * The engine under {@code external_gateway}: PostgreSQL or Redis, as {@code
 * messaging.gateway.queue_type} says ({@code RelayEngines} opens the right one). The bot takes a
 * {@link RelayClient} from it, a worker a {@link RelayInbox}; both share its {@link
 * SharedRateLimits}. Closing it closes its connections.
 */
public interface RelayEngine extends AutoCloseable {
  RelayClient client();

  RelayInbox inbox();

  SharedRateLimits rateLimits();

  /** Where it is, for messages (no password). */
  String where();

  @Override
  void close();
}
