package dev.cogworks.core.internal.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The platform's configuration, read once at start into typed, validated records.
 *
 * @param raw the whole merged config, for cogs' blocks and later modules
 */
public record CogworksConfig(
    Discord discord,
    int sandboxPort,
    Database database,
    Cogs cogs,
    Commands commands,
    Duration shutdownDeadline,
    Messaging messaging,
    Data data,
    Conversation conversation,
    Admin admin,
    Notifications notifications,
    Config raw) {

  /** How cogs' Discord requests travel. */
  public enum MessagingMode {
    DIRECT,
    IN_PROCESS,
    EXTERNAL_GATEWAY
  }

  /** Which engine carries requests to the gateway workers. */
  public enum QueueType {
    POSTGRESQL,
    REDIS
  }

  /**
   * {@code messaging.gateway}: where requests go in {@code external_gateway} mode and how workers
   * treat them (the code calls this path the relay; the user-facing names say gateway). {@code
   * requestQueue}/{@code responseQueue} name the tables (PostgreSQL) or streams (Redis); both
   * engines derive their other names from them.
   */
  public record Relay(
      QueueType queueType,
      String requestQueue,
      String responseQueue,
      Duration requestTimeout,
      Duration lease,
      Duration responseTtl,
      int outageBuffer,
      String postgresqlUrl,
      String postgresqlUser,
      String postgresqlPassword,
      String redisUri,
      int redisPartitions,
      boolean redisCluster,
      int redisWaitReplicas,
      Duration redisWaitTimeout,
      int workerConcurrency,
      int maxUnpublished,
      Acknowledge acknowledge,
      RelayCache cache) {
    @Override
    public String toString() {
      // The URLs may carry passwords; say only which engine and names.
      return "Relay[" + queueType + ", " + requestQueue + " -> " + responseQueue + "]";
    }
  }

  /**
   * {@code messaging.gateway.acknowledge}: when a cog's send returns in {@code external_gateway}
   * mode. {@code ENGINE}: once the engine holds the request, so a crash of the bot loses nothing it
   * accepted; {@code MEMORY}: at once, published a few milliseconds later.
   */
  public enum Acknowledge {
    ENGINE,
    MEMORY
  }

  /**
   * The worker's cache lifetimes (seed 003's, and {@code guildTtl} for what the bot's gateway cache
   * gives it for free: roles, its own member, the owner) and the deleted-message cache's bound.
   */
  public record RelayCache(
      Duration messageTtl, Duration emojiTtl, Duration guildTtl, int messageMaxSize) {}

  /** The messaging settings: mode, retries, the proactive global limit. */
  public record Messaging(
      MessagingMode mode,
      int retryAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      int globalRequestsPerSecond,
      int maxQueueSize,
      int processorCount,
      int directMaxWaiting,
      Duration requestTimeout,
      ChannelRateLimit channelRateLimit,
      Relay relay,
      Duration switchDeadline) {}

  /** The optional per-channel limit; {@code enabled = false} leaves only Discord's. */
  public record ChannelRateLimit(boolean enabled, int requests, Duration per) {}

  /** Where slash commands are registered. */
  public enum Registration {
    GUILD,
    GLOBAL
  }

  /**
   * Discord connection settings; the token is never logged (see {@link #toString()}).
   *
   * @param owners user ids that operate the whole bot, besides the application's owners
   * @param readyTimeout how long start-up waits for every shard to be ready
   * @param voiceTrustPem a PEM file of certificates trusted for the gateway's and voice gateway's
   *     TLS besides the JDK's CAs (discord-sim's self-signed voice certificate), or blank
   */
  public record Discord(
      String token,
      String restUrl,
      String gatewayUrl,
      int shardsTotal,
      List<Integer> shardIds,
      List<Long> owners,
      Duration readyTimeout,
      String voiceTrustPem,
      Voice voice) {
    public boolean hasToken() {
      return !token.isBlank();
    }

    @Override
    public String toString() {
      return "Discord[token="
          + (hasToken() ? "<set>" : "<none>")
          + ", restUrl="
          + restUrl
          + ", gatewayUrl="
          + gatewayUrl
          + ", shards="
          + shardIds
          + "/"
          + shardsTotal
          + "]";
    }

    public Discord withEndpoints(String token, String restUrl, String gatewayUrl) {
      return new Discord(
          token,
          restUrl,
          gatewayUrl,
          shardsTotal,
          shardIds,
          owners,
          readyTimeout,
          voiceTrustPem,
          voice);
    }

    /** Trusts the certificates of this PEM file too (discord-sim's voice gateway). */
    public Discord withVoiceTrustPem(String pemFile) {
      return new Discord(
          token, restUrl, gatewayUrl, shardsTotal, shardIds, owners, readyTimeout, pemFile, voice);
    }
  }

  /** Voice: which DAVE implementation, {@code auto}, {@code passthrough} or a class name. */
  public record Voice(String dave) {}

  /** Database settings; an empty URL means the embedded PostgreSQL in {@code dataDir}. */
  public record Database(
      String url,
      String user,
      String password,
      Path dataDir,
      int poolSize,
      Duration connectTimeout) {
    public boolean embedded() {
      return url.isBlank();
    }

    @Override
    public String toString() {
      return "Database[url=" + url + ", user=" + user + ", dataDir=" + dataDir + "]";
    }
  }

  /**
   * Which cogs load, from where, the pool their blocking work (JDBC, files) runs on, and which are
   * off in every server until its admins turn them on.
   */
  public record Cogs(
      List<String> enabled,
      List<String> disabled,
      Path pluginsDir,
      int ioThreads,
      List<String> offByDefault) {
    /** Whether a cog of this name should load. */
    public boolean wants(String name) {
      return !disabled.contains(name) && (enabled.isEmpty() || enabled.contains(name));
    }
  }

  /** {@code prefixes}: the default prefixes of every server, which its admins may change. */
  public record Commands(List<String> prefixes, Registration registration) {}

  /** What happens to data: how long a server's stays after the bot left it. */
  public record Data(Duration serverRetention) {}

  /**
   * {@code conversation}: the queue in front of an assistant ({@code ask}, direct messages).
   *
   * @param assistant the assistant's name; empty when none is configured (the feature is off)
   * @param serverShare the fraction of {@code maxQueueSize} one server's requests may take (direct
   *     messages count as one server)
   * @param dailyQuota requests per user per UTC day; 0 for no quota
   * @param block the raw {@code conversation} block, for the assistants' own settings
   */
  public record Conversation(
      String assistant,
      int maxQueueSize,
      Duration queueTimeout,
      int workers,
      int historyLimit,
      Duration requestTimeout,
      Duration userCooldown,
      double serverShare,
      int dailyQuota,
      boolean directMessages,
      Config block) {
    public boolean enabled() {
      return !assistant.isEmpty();
    }

    /** How many requests one server may have waiting or running at once. */
    public int perServerLimit() {
      return Math.max(1, (int) Math.floor(maxQueueSize * serverShare));
    }

    @Override
    public String toString() {
      return "Conversation[assistant="
          + assistant
          + ", maxQueueSize="
          + maxQueueSize
          + ", workers="
          + workers
          + "]";
    }
  }

  /**
   * {@code notifications}: where operational notices go, a channel and/or a webhook (from {@code
   * webhook_url}: its id and token), and when they are sent. Off when neither is set.
   *
   * @param channelId the channel, or 0 for none
   * @param webhookId the webhook's id, or 0 for none
   * @param webhookToken the webhook's token (a secret: never logged, never in {@link #toString()})
   */
  public record Notifications(
      long channelId,
      long webhookId,
      String webhookToken,
      Duration dedupWindow,
      int queueWarn,
      Duration rateLimitWaitWarn,
      int invalidRequestsWarn,
      Duration checkInterval) {
    public boolean enabled() {
      return channelId != 0 || webhookId != 0;
    }

    @Override
    public String toString() {
      return "Notifications[channel="
          + (channelId == 0 ? "none" : Long.toUnsignedString(channelId))
          + ", webhook="
          + (webhookId == 0 ? "none" : Long.toUnsignedString(webhookId) + "/[redacted]")
          + "]";
    }
  }

  /** Leaves out {@code raw}: Typesafe's own rendering of it would include the token. */
  @Override
  public String toString() {
    return "CogworksConfig["
        + discord
        + ", sandboxPort="
        + sandboxPort
        + ", "
        + database
        + ", "
        + cogs
        + ", "
        + commands
        + ", shutdownDeadline="
        + shutdownDeadline
        + "]";
  }

  /** The same settings with {@code next} as the messaging and {@code raw} as the whole. */
  public CogworksConfig withMessaging(Messaging next, Config raw) {
    return new CogworksConfig(
        discord,
        sandboxPort,
        database,
        cogs,
        commands,
        shutdownDeadline,
        next,
        data,
        conversation,
        admin,
        notifications,
        raw);
  }

  /** The same settings with {@code next} as the notifications (a reload changed them). */
  public CogworksConfig withNotifications(Notifications next) {
    return new CogworksConfig(
        discord,
        sandboxPort,
        database,
        cogs,
        commands,
        shutdownDeadline,
        messaging,
        data,
        conversation,
        admin,
        next,
        raw);
  }

  /** The same settings with the external gateway's queue on this PostgreSQL. */
  public CogworksConfig withRelayPostgresql(String url, String user, String password) {
    Relay g = messaging.relay();
    Relay moved =
        new Relay(
            g.queueType(),
            g.requestQueue(),
            g.responseQueue(),
            g.requestTimeout(),
            g.lease(),
            g.responseTtl(),
            g.outageBuffer(),
            url,
            user,
            password,
            g.redisUri(),
            g.redisPartitions(),
            g.redisCluster(),
            g.redisWaitReplicas(),
            g.redisWaitTimeout(),
            g.workerConcurrency(),
            g.maxUnpublished(),
            g.acknowledge(),
            g.cache());
    Messaging m = messaging;
    Messaging withGateway =
        new Messaging(
            m.mode(),
            m.retryAttempts(),
            m.initialBackoff(),
            m.maxBackoff(),
            m.globalRequestsPerSecond(),
            m.maxQueueSize(),
            m.processorCount(),
            m.directMaxWaiting(),
            m.requestTimeout(),
            m.channelRateLimit(),
            moved,
            m.switchDeadline());
    return new CogworksConfig(
        discord,
        sandboxPort,
        database,
        cogs,
        commands,
        shutdownDeadline,
        withGateway,
        data,
        conversation,
        admin,
        notifications,
        raw);
  }

  /**
   * {@code admin}: the admin HTTP server (health, metrics, the queue monitor) of the bot and of
   * each gateway worker. Port 0 takes any free port. The token comes from {@code ADMIN_TOKEN}, else
   * from {@code tokenFile} (created at first start, readable by its owner alone).
   */
  public record Admin(
      boolean enabled, String host, int port, int workerPort, Path tokenFile, String token) {
    public boolean hasEnvironmentToken() {
      return !token.isBlank();
    }

    @Override
    public String toString() {
      return "Admin[" + host + ":" + port + ", worker port " + workerPort + "]"; // never the token
    }
  }

  /** The same settings with {@code conversation.assistant} set to {@code assistant}. */
  public CogworksConfig withAssistant(String assistant) {
    Conversation c = conversation;
    Conversation changed =
        new Conversation(
            assistant,
            c.maxQueueSize(),
            c.queueTimeout(),
            c.workers(),
            c.historyLimit(),
            c.requestTimeout(),
            c.userCooldown(),
            c.serverShare(),
            c.dailyQuota(),
            c.directMessages(),
            c.block());
    return new CogworksConfig(
        discord,
        sandboxPort,
        database,
        cogs,
        commands,
        shutdownDeadline,
        messaging,
        data,
        changed,
        admin,
        notifications,
        raw);
  }

  /**
   * The same settings with one key of a cog's block set ({@code music.http.allow_private_hosts}),
   * as the sandbox adds what only it knows at start. The platform's own typed settings are not read
   * again: this is for cogs' keys.
   */
  public CogworksConfig withCogValue(String path, Object value) {
    return new CogworksConfig(
        discord,
        sandboxPort,
        database,
        cogs,
        commands,
        shutdownDeadline,
        messaging,
        data,
        conversation,
        admin,
        notifications,
        raw.withValue(path, com.typesafe.config.ConfigValueFactory.fromAnyRef(value)));
  }

  public CogworksConfig withDiscord(Discord discord) {
    return new CogworksConfig(
        discord,
        sandboxPort,
        database,
        cogs,
        commands,
        shutdownDeadline,
        messaging,
        data,
        conversation,
        admin,
        notifications,
        raw);
  }
}
