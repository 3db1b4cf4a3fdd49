package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.DirectTransport;
import dev.cogworks.core.internal.messaging.FailureSink;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.messaging.RetryPolicy;
import dev.cogworks.core.internal.messaging.Transport;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayTransport;
import java.time.Clock;
import net.dv8tion.jda.api.sharding.ShardManager;

/** Builds the transport of the configured {@code messaging.mode}. */
final class Transports {
  private Transports() {}

  static Transport create(
      CogworksConfig.Messaging config,
      ShardManager shards,
      RelayEngine relay,
      FailureSink failures) {
    RetryPolicy retry =
        new RetryPolicy(config.retryAttempts(), config.initialBackoff(), config.maxBackoff());
    return switch (config.mode()) {
      case DIRECT ->
          new DirectTransport(
              new RequestExecutor(shards), retry, failures, config.directMaxWaiting());
      case IN_PROCESS ->
          new InProcessTransport(
              new RequestExecutor(shards),
              retry,
              new InProcessTransport.Settings(
                  config.maxQueueSize(),
                  config.processorCount(),
                  config.requestTimeout(),
                  config.channelRateLimit().enabled()
                      ? new InProcessTransport.ChannelLimit(
                          config.channelRateLimit().requests(), config.channelRateLimit().per())
                      : null),
              Clock.systemUTC(),
              failures);
      case EXTERNAL_GATEWAY ->
          new RelayTransport(relay.client(), config.relay(), Clock.systemUTC(), failures);
    };
  }
}
