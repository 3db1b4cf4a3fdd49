package dev.cogworks.core.internal.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the configuration once: system properties over the user's file ({@code -Dconfig.file} or
 * {@code ./application.conf}) over every module's {@code reference.conf}, with environment
 * variables for secrets. Every problem becomes a {@link ConfigError} naming key, value, what is
 * allowed and where the value came from.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** The user's file: {@code -Dconfig.file}, else {@code ./application.conf} if present. */
  public static Path userFile() {
    String explicit = System.getProperty("config.file");
    if (explicit != null) {
      return Path.of(explicit);
    }
    Path local = Path.of("application.conf");
    return Files.exists(local) ? local : null;
  }

  /** The merged, resolved config as Typesafe sees it. */
  public static Config merged(Path userFile, Config overrides, ClassLoader classLoader) {
    try {
      Config user = ConfigFactory.empty();
      if (userFile != null) {
        if (!Files.isRegularFile(userFile)) {
          throw new ConfigError("config file " + userFile + " does not exist");
        }
        user =
            ConfigFactory.parseFile(
                userFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      }
      ConfigFactory.invalidateCaches();
      return overrides
          .withFallback(ConfigFactory.systemProperties())
          .withFallback(user)
          .withFallback(ConfigFactory.defaultReference(classLoader))
          .resolve();
    } catch (ConfigException e) {
      throw new ConfigError("configuration cannot be read: " + e.getMessage());
    }
  }

  public static CogworksConfig load(Path userFile, Config overrides, ClassLoader classLoader) {
    return read(
        merged(userFile, overrides, classLoader), ConfigFactory.defaultReference(classLoader));
  }

  /** The platform's own blocks: a key in them that no reference.conf defines is refused. */
  static final List<String> CORE_BLOCKS =
      List.of(
          "discord",
          "sandbox",
          "database",
          "cogs",
          "commands",
          "data",
          "shutdown",
          "messaging",
          "conversation",
          "admin",
          "notifications");

  /**
   * Turns the merged config into typed records, validating each value; {@code reference} is every
   * module's reference.conf, which says what keys exist.
   */
  public static CogworksConfig read(Config c, Config reference) {
    for (String block : CORE_BLOCKS) {
      checkKnownKeys(c, reference, block);
    }
    List<Integer> shardIds = intList(c, "discord.shards.ids");
    int shardsTotal = positive(c, "discord.shards.total");
    for (int id : shardIds) {
      if (id < 0 || id >= shardsTotal) {
        throw error(
            c,
            "discord.shards.ids",
            "each id must be between 0 and discord.shards.total - 1 (" + (shardsTotal - 1) + ")");
      }
    }
    CogworksConfig.Discord discord =
        new CogworksConfig.Discord(
            string(c, "discord.token").trim(),
            url(c, "discord.rest_url", "http"),
            url(c, "discord.gateway_url", "ws"),
            shardsTotal,
            shardIds,
            snowflakes(c, "discord.owners"),
            positiveDuration(c, "discord.ready_timeout"),
            readableFile(c, "discord.voice_trust_pem"),
            new CogworksConfig.Voice(string(c, "discord.voice.dave")));
    int port = c.getInt("sandbox.port");
    if (port < 0 || port > 65535) {
      throw error(c, "sandbox.port", "must be 0 to 65535 (0 picks a free port)");
    }
    CogworksConfig.Database database =
        new CogworksConfig.Database(
            url(c, "database.url", "jdbc:postgresql"),
            string(c, "database.user"),
            string(c, "database.password"),
            Path.of(string(c, "database.data_dir")),
            positive(c, "database.pool_size"),
            positiveDuration(c, "database.connect_timeout"));
    CogworksConfig.Cogs cogs =
        new CogworksConfig.Cogs(
            c.getStringList("cogs.enabled"),
            c.getStringList("cogs.disabled"),
            Path.of(string(c, "cogs.plugins_dir")),
            positive(c, "cogs.io_threads"),
            c.getStringList("cogs.off_by_default"));
    CogworksConfig.Commands commands =
        new CogworksConfig.Commands(
            prefixes(c), oneOf(c, "commands.registration", CogworksConfig.Registration.class));
    CogworksConfig.Messaging messaging =
        new CogworksConfig.Messaging(
            oneOf(c, "messaging.mode", CogworksConfig.MessagingMode.class),
            positive(c, "messaging.retry.attempts"),
            duration(c, "messaging.retry.initial_backoff"),
            duration(c, "messaging.retry.max_backoff"),
            positive(c, "messaging.global_requests_per_second"),
            positive(c, "messaging.in_process.max_queue_size"),
            positive(c, "messaging.in_process.processor_count"),
            positive(c, "messaging.direct.max_waiting"),
            duration(c, "messaging.in_process.request_timeout"),
            new CogworksConfig.ChannelRateLimit(
                c.getBoolean("messaging.channel_rate_limit.enabled"),
                positive(c, "messaging.channel_rate_limit.requests"),
                duration(c, "messaging.channel_rate_limit.per")),
            relay(c),
            positiveDuration(c, "messaging.switch_deadline"));
    return new CogworksConfig(
        discord,
        port,
        database,
        cogs,
        commands,
        duration(c, "shutdown.deadline"),
        messaging,
        new CogworksConfig.Data(duration(c, "data.server_retention")),
        conversation(c),
        admin(c),
        notifications(c),
        c);
  }

  private static CogworksConfig.Admin admin(Config c) {
    return new CogworksConfig.Admin(
        c.getBoolean("admin.enabled"),
        string(c, "admin.host"),
        port(c, "admin.port"),
        port(c, "admin.worker_port"),
        Path.of(string(c, "admin.token_file")),
        c.getString("admin.token"));
  }

  private static int port(Config c, String key) {
    int port = c.getInt(key);
    if (port < 0 || port > 65_535) {
      throw error(c, key, "a port from 1 to 65535, or 0 for any free port");
    }
    return port;
  }

  /**
   * Refuses a list at {@code key} naming something not in {@code allowed} (the cogs found, for
   * {@code cogs.off_by_default}), naming the key, the file and what is allowed.
   */
  public static void checkNames(Config c, String key, java.util.Collection<String> allowed) {
    for (String name : c.getStringList(key)) {
      if (!allowed.contains(name)) {
        throw error(
            c,
            key,
            "`"
                + name
                + "` is not one of the cogs found here: "
                + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
      }
    }
  }

  /** One prefix, or a list of them: servers start with these and their admins may change them. */
  private static List<String> prefixes(Config c) {
    String key = "commands.prefix";
    List<String> prefixes;
    try {
      prefixes = List.of(c.getString(key));
    } catch (ConfigException.WrongType notOne) {
      try {
        prefixes = c.getStringList(key);
      } catch (ConfigException.WrongType notList) {
        throw error(c, key, "must be a prefix such as \"!\" or a list such as [\"!\", \"?\"]");
      }
    }
    boolean fine =
        !prefixes.isEmpty()
            && prefixes.size() <= 5
            && prefixes.stream()
                .allMatch(
                    p ->
                        !p.isBlank()
                            && p.length() <= 10
                            && p.chars().noneMatch(Character::isWhitespace)
                            && !p.startsWith("/"));
    if (!fine) {
      throw error(
          c,
          key,
          "must be 1 to 5 prefixes of 1 to 10 characters, without spaces, not starting with /");
    }
    return List.copyOf(new java.util.LinkedHashSet<>(prefixes));
  }

  private static CogworksConfig.Conversation conversation(Config c) {
    String k = "conversation.";
    String assistant = string(c, k + "assistant").trim();
    if (!assistant.isEmpty() && !assistant.matches("[a-z0-9_-]{1,32}")) {
      throw error(
          c,
          k + "assistant",
          "must be empty (no assistant), echo, openai_compatible, or the name of one a cog offers");
    }
    double share;
    try {
      share = c.getDouble(k + "server_share");
    } catch (ConfigException.WrongType e) {
      throw error(c, k + "server_share", "must be a number above 0 and at most 1, e.g. 0.5");
    }
    if (!(share > 0 && share <= 1)) {
      throw error(c, k + "server_share", "must be a number above 0 and at most 1, e.g. 0.5");
    }
    int quota;
    try {
      quota = c.getInt(k + "daily_quota");
    } catch (ConfigException.WrongType e) {
      throw error(c, k + "daily_quota", "must be a whole number (0 for no quota)");
    }
    if (quota < 0) {
      throw error(c, k + "daily_quota", "must be a whole number (0 for no quota)");
    }
    int history;
    try {
      history = c.getInt(k + "history_limit");
    } catch (ConfigException.WrongType e) {
      throw error(c, k + "history_limit", "must be a whole number from 0 to 200");
    }
    if (history < 0 || history > 200) {
      throw error(c, k + "history_limit", "must be a whole number from 0 to 200");
    }
    int workers = positive(c, k + "workers");
    if (workers > 64) {
      throw error(c, k + "workers", "must be a whole number from 1 to 64");
    }
    return new CogworksConfig.Conversation(
        assistant,
        positive(c, k + "max_queue_size"),
        positiveDuration(c, k + "queue_timeout"),
        workers,
        history,
        positiveDuration(c, k + "request_timeout"),
        duration(c, k + "user_cooldown"),
        share,
        quota,
        c.getBoolean(k + "direct_messages"),
        c.getConfig("conversation"));
  }

  private static CogworksConfig.Relay relay(Config c) {
    if (c.hasPath("gateway")) {
      throw error(
          c,
          "gateway",
          "the external gateway's settings live under messaging.gateway, not gateway");
    }
    String g = "messaging.gateway.";
    Duration lease = duration(c, g + "lease");
    if (lease.toMillis() < 1000) {
      throw error(c, g + "lease", "must be at least 1s (workers renew it every lease/3)");
    }
    String redisUri = string(c, g + "redis.uri").trim();
    if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
      throw error(c, g + "redis.uri", "must be a URL starting with redis:// or rediss://");
    }
    boolean cluster = c.getBoolean(g + "redis.cluster");
    if (cluster && !redisUri.matches("rediss?://([^@/]*@)?[^@/,:]+:\\d+(,[^@/,:]+:\\d+)*/?(0)?")) {
      throw error(
          c,
          g + "redis.uri",
          "with redis.cluster = true must be redis://[password@]host:port[,host:port...]"
              + " (seed nodes; a cluster has only database 0)");
    }
    int waitReplicas;
    try {
      waitReplicas = c.getInt(g + "redis.wait_replicas");
    } catch (ConfigException.WrongType e) {
      throw error(c, g + "redis.wait_replicas", "must be a whole number from 0 to 5 (0: no WAIT)");
    }
    if (waitReplicas < 0 || waitReplicas > 5) {
      throw error(c, g + "redis.wait_replicas", "must be a whole number from 0 to 5 (0: no WAIT)");
    }
    Duration waitTimeout = duration(c, g + "redis.wait_timeout");
    // Lettuce gives up on a command after 5 s: a WAIT longer than that would fail every publish
    // and have it published again.
    if (waitTimeout.toMillis() < 1 || waitTimeout.toMillis() > 2000) {
      throw error(c, g + "redis.wait_timeout", "must be from 1ms to 2s, e.g. 500ms");
    }
    int outageBuffer;
    try {
      outageBuffer = c.getInt(g + "outage_buffer");
    } catch (ConfigException.WrongType e) {
      throw error(c, g + "outage_buffer", "must be a whole number (0 fails submissions at once)");
    }
    if (outageBuffer < 0) {
      throw error(c, g + "outage_buffer", "must be 0 or more (0 fails submissions at once)");
    }
    Duration timeout = duration(c, g + "request_timeout");
    if (timeout.isZero()) {
      throw error(c, g + "request_timeout", "must be longer than 0, e.g. 30s");
    }
    return new CogworksConfig.Relay(
        oneOf(c, g + "queue_type", CogworksConfig.QueueType.class),
        name(c, g + "request_queue"),
        name(c, g + "response_queue"),
        timeout,
        lease,
        duration(c, g + "response_ttl"),
        outageBuffer,
        url(c, g + "postgresql.url", "jdbc:postgresql"),
        string(c, g + "postgresql.user"),
        string(c, g + "postgresql.password"),
        redisUri,
        positive(c, g + "redis.partitions"),
        cluster,
        waitReplicas,
        waitTimeout,
        positive(c, g + "worker.concurrency"),
        positive(c, g + "max_unpublished"),
        oneOf(c, g + "acknowledge", CogworksConfig.Acknowledge.class),
        new CogworksConfig.RelayCache(
            duration(c, g + "cache.message_ttl"),
            duration(c, g + "cache.emoji_ttl"),
            duration(c, g + "cache.guild_ttl"),
            positive(c, g + "cache.message_max_size")));
  }

  /** Matches the end of a webhook's URL: {@code .../webhooks/{id}/{token}}. */
  private static final java.util.regex.Pattern WEBHOOK_URL =
      java.util.regex.Pattern.compile("https?://[^\\s]+/webhooks/(\\d{1,20})/([A-Za-z0-9_.-]+)/?");

  private static CogworksConfig.Notifications notifications(Config c) {
    String n = "notifications.";
    long channel = 0;
    String channelText = string(c, n + "channel_id").trim();
    if (!channelText.isEmpty()) {
      try {
        channel = Long.parseUnsignedLong(channelText);
      } catch (NumberFormatException e) {
        throw error(
            c, n + "channel_id", "must be empty or a channel id, e.g. \"123456789012345678\"");
      }
    }
    long webhookId = 0;
    String webhookToken = "";
    String url = string(c, n + "webhook_url").trim();
    if (!url.isEmpty()) {
      java.util.regex.Matcher m = WEBHOOK_URL.matcher(url);
      if (!m.matches()) {
        // The value is a secret: named by its key and file, never shown.
        ConfigValue value = c.getValue(n + "webhook_url");
        throw new ConfigError(
            n
                + "webhook_url = [hidden] ("
                + origin(value)
                + "): must be empty or a webhook URL such as"
                + " https://discord.com/api/webhooks/<id>/<token>");
      }
      webhookId = Long.parseUnsignedLong(m.group(1));
      webhookToken = m.group(2);
    }
    int queueWarn = positive(c, n + "queue_warn");
    int invalidWarn = positive(c, n + "invalid_requests_warn");
    if (invalidWarn > 10_000) {
      throw error(
          c, n + "invalid_requests_warn", "must be 1 to 10000 (Discord's limit per 10 minutes)");
    }
    return new CogworksConfig.Notifications(
        channel,
        webhookId,
        webhookToken,
        positiveDuration(c, n + "dedup_window"),
        queueWarn,
        positiveDuration(c, n + "rate_limit_wait_warn"),
        invalidWarn,
        positiveDuration(c, n + "check_interval"));
  }

  /** A table or stream name: it becomes part of SQL and Redis keys, so only plain identifiers. */
  private static String name(Config c, String key) {
    String value = string(c, key);
    if (!value.matches("[a-z_][a-z0-9_]{0,39}")) {
      throw error(
          c,
          key,
          "must be lower-case letters, digits and _ (at most 40, not starting with a digit)");
    }
    return value;
  }

  /**
   * Checks a cog's block against its reference.conf: a key the cog does not define is most likely a
   * typo, and silently ignoring it would leave the user wondering why nothing changed.
   */
  public static void checkKnownKeys(Config merged, Config reference, String block) {
    if (!merged.hasPath(block)) {
      return;
    }
    Set<String> known = new TreeSet<>();
    if (reference.hasPath(block)) {
      reference.getConfig(block).entrySet().forEach(e -> known.add(e.getKey()));
    }
    for (var entry : merged.getConfig(block).entrySet()) {
      if (!known.contains(entry.getKey())) {
        String key = block + "." + entry.getKey();
        String shown = render(entry.getValue());
        throw new ConfigError(
            key
                + " = "
                // a mistyped key may still hold a webhook URL, whose token is a secret
                + (shown.contains("/webhooks/") ? "[hidden]" : shown)
                + " ("
                + origin(entry.getValue())
                + "): unknown key;"
                + " "
                + block
                + " has "
                + (known.isEmpty() ? "no settings" : String.join(", ", known)));
      }
    }
  }

  private static String string(Config c, String key) {
    try {
      return c.getString(key);
    } catch (ConfigException.WrongType e) {
      throw error(c, key, "must be a string");
    }
  }

  private static String url(Config c, String key, String scheme) {
    String value = string(c, key).trim();
    if (!value.isEmpty() && !value.startsWith(scheme)) {
      throw error(c, key, "must be empty or a URL starting with " + scheme);
    }
    return value;
  }

  /** Empty, or a file that exists and can be read. */
  private static String readableFile(Config c, String key) {
    String value = string(c, key).trim();
    if (!value.isEmpty() && !java.nio.file.Files.isReadable(Path.of(value))) {
      throw error(c, key, "must be empty or a readable file");
    }
    return value;
  }

  private static int positive(Config c, String key) {
    int value;
    try {
      value = c.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw error(c, key, "must be a whole number of at least 1");
    }
    if (value < 1) {
      throw error(c, key, "must be a whole number of at least 1");
    }
    return value;
  }

  private static List<Integer> intList(Config c, String key) {
    try {
      return List.copyOf(c.getIntList(key));
    } catch (ConfigException.WrongType e) {
      throw error(c, key, "must be a list of whole numbers, e.g. [0, 1]");
    }
  }

  /** Discord ids (snowflakes), given as numbers or strings. */
  private static List<Long> snowflakes(Config c, String key) {
    try {
      return c.getStringList(key).stream().map(Long::parseUnsignedLong).toList();
    } catch (ConfigException.WrongType | NumberFormatException e) {
      throw error(c, key, "must be a list of Discord user ids, e.g. [\"123456789012345678\"]");
    }
  }

  private static Duration positiveDuration(Config c, String key) {
    Duration value = duration(c, key);
    if (value.isZero()) {
      throw error(c, key, "must be longer than 0, e.g. 30s");
    }
    return value;
  }

  private static Duration duration(Config c, String key) {
    try {
      Duration value = c.getDuration(key);
      if (value.isNegative()) {
        throw error(c, key, "must be a positive duration such as 10s or 2m");
      }
      return value;
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw error(c, key, "must be a duration such as 10s, 500ms or 2m");
    }
  }

  private static <E extends Enum<E>> E oneOf(Config c, String key, Class<E> type) {
    String value = string(c, key);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed =
          java.util.Arrays.stream(type.getEnumConstants())
              .map(v -> v.name().toLowerCase(Locale.ROOT))
              .toList();
      throw error(c, key, "must be one of " + String.join(", ", allowed));
    }
  }

  private static ConfigError error(Config c, String key, String allowed) {
    ConfigValue value = c.getValue(key);
    // A URI may carry a password, and a config error is logged and answered to owners on Discord.
    String shown =
        key.endsWith(".uri")
            ? UrlRedaction.redact(String.valueOf(value.unwrapped()))
            : render(value);
    return new ConfigError(key + " = " + shown + " (" + origin(value) + "): " + allowed);
  }

  private static String render(ConfigValue value) {
    return value.render(com.typesafe.config.ConfigRenderOptions.concise());
  }

  private static String origin(ConfigValue value) {
    return value.origin().description();
  }
}
