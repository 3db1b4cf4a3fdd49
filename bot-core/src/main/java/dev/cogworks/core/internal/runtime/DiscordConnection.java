package dev.cogworks.core.internal.runtime;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.PacedRateLimiter;
import dev.cogworks.core.internal.messaging.RequestPacer;
import dev.cogworks.core.internal.voice.DaveFactories;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

/**
 * Builds the shard manager: the configured shards of this process, the intents Cogworks needs, and
 * — for the sandbox and tests — discord-sim's REST and gateway URLs instead of Discord's.
 */
final class DiscordConnection {
  /**
   * Message Content for prefix commands and markov; Members to resolve user options by name; Direct
   * Messages for commands and questions sent to the bot privately; Voice States for who is in which
   * voice channel (JDA refuses to open a voice connection without it).
   */
  static final EnumSet<GatewayIntent> INTENTS =
      EnumSet.of(
          GatewayIntent.GUILD_MESSAGES,
          GatewayIntent.DIRECT_MESSAGES,
          GatewayIntent.MESSAGE_CONTENT,
          GatewayIntent.GUILD_MEMBERS,
          GatewayIntent.GUILD_EXPRESSIONS,
          GatewayIntent.GUILD_VOICE_STATES);

  private DiscordConnection() {}

  static ShardManager connect(
      CogworksConfig.Discord discord,
      List<Object> listeners,
      RequestPacer pacer,
      java.util.function.Consumer<String> rateLimited,
      dev.cogworks.core.internal.messaging.BucketObserver buckets) {
    return connect(discord, listeners, pacer, rateLimited, buckets, INTENTS, true);
  }

  /**
   * {@code cacheMembers = false} for gateway workers: they never resolve members by name, and
   * skipping the member lists keeps a worker small.
   */
  static ShardManager connect(
      CogworksConfig.Discord discord,
      List<Object> listeners,
      RequestPacer pacer,
      java.util.function.Consumer<String> rateLimited,
      dev.cogworks.core.internal.messaging.BucketObserver buckets,
      EnumSet<GatewayIntent> intents,
      boolean cacheMembers) {
    return connect(
        discord,
        listeners,
        pacer,
        rateLimited,
        buckets,
        intents,
        cacheMembers,
        DiscordConnection.class.getClassLoader());
  }

  /**
   * As above; the DAVE implementation ({@code discord.voice.dave}) is looked for in {@code loader}.
   */
  static ShardManager connect(
      CogworksConfig.Discord discord,
      List<Object> listeners,
      RequestPacer pacer,
      java.util.function.Consumer<String> rateLimited,
      dev.cogworks.core.internal.messaging.BucketObserver buckets,
      EnumSet<GatewayIntent> intents,
      boolean cacheMembers,
      ClassLoader loader) {
    // Every queued request sets its allowed mentions; this covers the few answers JDA sends itself
    // (refusals of an interaction before its deferral), so that nothing the bot says pings anyone
    // unless a request says so.
    net.dv8tion.jda.api.utils.messages.MessageRequest.setDefaultMentions(
        EnumSet.noneOf(net.dv8tion.jda.api.entities.Message.MentionType.class));
    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.create(discord.token(), intents)
            .disableCache(
                CacheFlag.ACTIVITY,
                CacheFlag.CLIENT_STATUS,
                CacheFlag.ONLINE_STATUS,
                CacheFlag.SCHEDULED_EVENTS,
                CacheFlag.STICKER,
                CacheFlag.SOUNDBOARD_SOUNDS)
            .setMemberCachePolicy(cacheMembers ? MemberCachePolicy.ALL : MemberCachePolicy.NONE)
            .setChunkingFilter(cacheMembers ? ChunkingFilter.ALL : ChunkingFilter.NONE)
            .setShardsTotal(discord.shardsTotal())
            // Discord answers a second whole-member-list request within 30 s with RATE_LIMITED,
            // which JDA ignores; MemberChunkRetry reads it from the raw events and asks again.
            .setRawEventsEnabled(cacheMembers)
            // Cogworks owns shutdown order: commands drain first, then JDA closes.
            .setEnableShutdownHook(false)
            .addEventListeners(listeners.toArray());
    if (cacheMembers) {
      builder.addEventListeners(new MemberChunkRetry());
    }
    if (!intents.contains(GatewayIntent.GUILD_VOICE_STATES)) {
      // Gateway workers: no voice, and JDA warns about a cache it cannot fill.
      builder.disableCache(CacheFlag.VOICE_STATE);
    } else {
      builder.setAudioModuleConfig(
          new AudioModuleConfig()
              .withDaveSessionFactory(DaveFactories.select(discord.voice().dave(), loader)));
    }
    if (!discord.shardIds().isEmpty()) {
      builder.setShards(discord.shardIds());
    }
    String base =
        discord.restUrl().isBlank()
            ? null
            : discord.restUrl().endsWith("/") ? discord.restUrl() : discord.restUrl() + "/";
    // One pacer for every shard of this process: the global limit is per bot token.
    builder.setRestConfigProvider(
        shard -> {
          RestConfig rest =
              new RestConfig()
                  .setRateLimiterFactory(c -> new PacedRateLimiter(c, pacer, rateLimited, buckets));
          return base == null ? rest : rest.setBaseUrl(base);
        });
    if (!discord.voiceTrustPem().isBlank()) {
      // JDA opens its voice connections with a copy of this factory: discord-sim's voice gateway
      // is TLS with a self-signed certificate, trusted here rather than unchecked. The 10 s
      // connection timeout is JDA's own default factory's.
      builder.setWebsocketFactory(
          new WebSocketFactory()
              .setConnectionTimeout(10_000)
              .setSSLContext(PemTrust.sslContext(java.nio.file.Path.of(discord.voiceTrustPem()))));
    }
    if (!discord.gatewayUrl().isBlank()) {
      builder.setSessionController(
          new FixedGatewaySessionController(discord.gatewayUrl(), discord.shardsTotal()));
    }
    return builder.build();
  }

  /**
   * Connects to a given gateway URL (discord-sim's) instead of asking Discord for one. The shard
   * manager asks for the sharded gateway, not the plain one: both must give the URL, or it fetches
   * Discord's own over REST and the setting does nothing.
   */
  static final class FixedGatewaySessionController extends ConcurrentSessionController {
    private final String gateway;
    private final int shardsTotal;

    FixedGatewaySessionController(String gateway, int shardsTotal) {
      this.gateway = gateway;
      this.shardsTotal = shardsTotal;
    }

    @Override
    public String getGateway() {
      return gateway;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
      return new ShardedGateway(gateway, shardsTotal);
    }
  }
}
