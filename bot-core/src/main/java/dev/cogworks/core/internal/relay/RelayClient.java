package dev.cogworks.core.internal.relay;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The bot's side of the external gateway's engine (PostgreSQL or Redis): it makes requests durable
 * for the workers and hears the answers addressed to this bot instance.
 */
public interface RelayClient extends AutoCloseable {
  /**
   * Makes {@code requests} durable, in this order, and wakes the workers. When it returns, a worker
   * will run them even if this process dies; when it throws {@link RelayException} (engine
   * unreachable), none of them was kept, except those a {@link PartlyPublished} names.
   */
  default void publish(List<WireRequest> requests) {
    publishMerging(requests.stream().map(Outgoing::plain).toList());
  }

  /**
   * Like {@link #publish}, except that a request carrying {@link Outgoing#merged} replaces the
   * request it names instead of being added, when no worker has taken that one yet (then nothing is
   * added for it). Returns the ids of the requests replaced; every other request was added.
   */
  Set<String> publishMerging(List<Outgoing> requests);

  /**
   * Delivers every answer addressed to {@code instance} to {@code answers}, including those that
   * arrived while the connection was down; reconnects by itself after an outage. Answers come on
   * one thread, in arrival order.
   */
  void listen(String instance, Consumer<WireResponse> answers);

  /**
   * Requests returned as kept although fewer replicas than asked held them in time (Redis Cluster's
   * {@code wait_timeout}); 0 for engines that do not wait for replicas.
   */
  default long unreplicated() {
    return 0;
  }

  /** Whether the engine answered the last attempt to reach it. */
  boolean reachable();

  /** Deletes answers older than {@code response_ttl} whose bot instance never collected them. */
  int expireAnswers();

  @Override
  void close();
}
