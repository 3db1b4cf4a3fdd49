package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.relay.Invalidation;
import dev.cogworks.core.internal.relay.Invalidations;
import dev.cogworks.core.internal.relay.RelayException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidations as Redis pub/sub on a channel of their own. Lettuce subscribes again after a
 * reconnect; Redis confirms each subscription, which is when {@code connected} runs.
 */
final class RedisInvalidations implements Invalidations {
  private static final Logger log = LoggerFactory.getLogger(RedisInvalidations.class);

  private final RedisRelay engine;

  RedisInvalidations(RedisRelay engine) {
    this.engine = engine;
  }

  @Override
  public void publish(Invalidation invalidation) {
    try {
      engine.shared().sync().publish(engine.names.invalidations(), invalidation.encode());
    } catch (RuntimeException e) {
      throw new RelayException("cannot publish an invalidation: " + e.getMessage(), e);
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<Invalidation> listener, Runnable connected) {
    StatefulRedisPubSubConnection<String, String> connection = engine.connectPubSub();
    connection.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void subscribed(String channel, long count) {
            connected.run();
          }

          @Override
          public void message(String channel, String message) {
            try {
              listener.accept(Invalidation.decode(message));
            } catch (RuntimeException e) {
              log.warn("Ignoring an unreadable invalidation {}: {}", message, e.toString());
            }
          }
        });
    try {
      connection.sync().subscribe(engine.names.invalidations());
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection::close;
  }
}
