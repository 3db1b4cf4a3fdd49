package dev.cogworks.core.internal.admin;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.Reloads;
import dev.cogworks.core.internal.conversation.ConversationService;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.relay.RelayEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.sharding.ShardManager;

/** The parts of a running bot that its admin server reads and operates. */
public record BotParts(
    CogworksConfig config,
    MessagingService messaging,
    Supplier<Optional<RelayEngine>> engine,
    Reloads reloads,
    ShardManager shards,
    Database database,
    Optional<ConversationService> conversation,
    PrometheusMeterRegistry registry) {
  /** The external gateway's engine while the mode (which may change live) uses one. */
  public Optional<RelayEngine> gateway() {
    return engine.get();
  }
}
