package dev.cogworks.core.internal.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.Cog;
import dev.cogworks.api.CogContext;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.core.internal.cog.LoadedCogs;
import dev.cogworks.core.internal.command.BuiltinCommands;
import dev.cogworks.core.internal.command.CommandExecutor;
import dev.cogworks.core.internal.command.CommandRegistry;
import dev.cogworks.core.internal.command.CommandRouter;
import dev.cogworks.core.internal.command.SlashCommandSync;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.core.internal.messaging.GlobalRequestPacer;
import dev.cogworks.core.internal.messaging.MessagingMetrics;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.SharedRequestPacer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running bot: database migrated, cogs loaded, commands routed, shards connected. Wired by plain
 * constructors in this one place. {@link #close()} is the graceful shutdown: stop taking commands,
 * let running ones finish up to the deadline, then close Discord, cogs and database.
 */
public final class CogworksBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CogworksBot.class);

  private final CogworksConfig config;
  private final Database database;
  private final LoadedCogs cogs;
  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private final ShardManager shards;
  private final MessagingService messaging;
  private final MeterRegistry metrics;
  private final RelayEngine gateway;
  private volatile boolean closed;

  private CogworksBot(
      CogworksConfig config,
      Database database,
      LoadedCogs cogs,
      CommandRegistry registry,
      CommandExecutor executor,
      ShardManager shards,
      MessagingService messaging,
      MeterRegistry metrics,
      RelayEngine gateway) {
    this.config = config;
    this.database = database;
    this.cogs = cogs;
    this.registry = registry;
    this.executor = executor;
    this.shards = shards;
    this.messaging = messaging;
    this.metrics = metrics;
    this.gateway = gateway;
  }

  /**
   * Starts the bot with the cogs among {@code candidates} that the config enables; returns once
   * every shard of this process is connected and has its guilds.
   */
  public static CogworksBot start(
      CogworksConfig config, List<Cog> candidates, ClassLoader classLoader)
      throws InterruptedException {
    return start(config, candidates, classLoader, false);
  }

  /**
   * As {@link #start(CogworksConfig, List, ClassLoader)}; {@code workersInProcess} (the sandbox)
   * lets the external gateway's queue live in the embedded database when no server is configured,
   * since its worker then runs in this process. {@link #config()} says where it went.
   */
  public static CogworksBot start(
      CogworksConfig requested,
      List<Cog> candidates,
      ClassLoader classLoader,
      boolean workersInProcess)
      throws InterruptedException {
    log.info("Starting Cogworks: {}, {}", requested.discord(), requested.database());
    Database database = Database.open(requested.database());
    RelayEngine gateway = null;
    try {
      CogworksConfig config =
          workersInProcess && queueNeedsEmbeddedDatabase(requested)
              ? requested.withRelayPostgresql(
                  database.embeddedJdbcUrl().orElseThrow(), "postgres", "")
              : requested;
      if (config.messaging().mode() == CogworksConfig.MessagingMode.EXTERNAL_GATEWAY) {
        gateway = RelayEngines.open(config);
        log.info("External gateway on {} at {}", config.messaging().relay(), gateway.where());
      }
      database.migrate("core", "db/migration/core", CogworksBot.class.getClassLoader());
      CommandRegistry registry = new CommandRegistry();
      CommandExecutor executor = new CommandExecutor();
      new BuiltinCommands(registry)
          .commands()
          .forEach(c -> registry.register(BuiltinCommands.COG, c));
      List<Object> listeners = new ArrayList<>();
      MessagingMetrics metrics = new MessagingMetrics(new SimpleMeterRegistry());
      MessagingService messaging =
          new MessagingService(config.messaging(), database.jdbi(), metrics);
      LoadedCogs cogs =
          loadCogs(
              config,
              candidates,
              classLoader,
              database,
              executor.pool(),
              messaging,
              registry,
              listeners);
      listeners.add(new CommandRouter(registry, executor, config.commands().prefix()));
      listeners.add(
          new SlashRegistrationListener(
              new SlashCommandSync(registry, database.jdbi()),
              config.commands().registration(),
              executor.pool()));
      ShardManager shards =
          DiscordConnection.connect(
              config.discord(),
              listeners,
              // With workers, the bot's own REST calls (replies, command sync) share their budget.
              gateway != null
                  ? new SharedRequestPacer(gateway.rateLimits())
                  : new GlobalRequestPacer(config.messaging().globalRequestsPerSecond()),
              metrics::rateLimited,
              messaging.buckets());
      for (JDA shard : shards.getShards()) {
        shard.awaitReady();
      }
      RelayEngine relay = gateway;
      messaging.connect(
          failures ->
              Transports.create(config.messaging(), shards, relay, metrics.registry(), failures));
      log.info(
          "Cogworks is up: {} cog(s) running {}, {} failed {}, {} command(s), {} guild(s)",
          cogs.running().size(),
          cogs.running().stream().map(Cog::name).toList(),
          cogs.failed().size(),
          cogs.failed().keySet(),
          registry.all().size(),
          shards.getGuildCache().size());
      return new CogworksBot(
          config,
          database,
          cogs,
          registry,
          executor,
          shards,
          messaging,
          metrics.registry(),
          gateway);
    } catch (RuntimeException | InterruptedException e) {
      if (gateway != null) {
        gateway.close();
      }
      database.close();
      throw e;
    }
  }

  private static LoadedCogs loadCogs(
      CogworksConfig config,
      List<Cog> candidates,
      ClassLoader classLoader,
      Database database,
      Executor executor,
      MessagingQueue messaging,
      CommandRegistry registry,
      List<Object> listeners) {
    Config reference = ConfigFactory.defaultReference(classLoader);
    List<Cog> running = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (Cog cog : candidates) {
      String name = cog.name();
      if (!config.cogs().wants(name)) {
        log.info("Cog {} is not enabled (cogs.enabled / cogs.disabled)", name);
        continue;
      }
      try {
        ConfigLoader.checkKnownKeys(config.raw(), reference, name);
        database.migrate(name, cog.migrations(), cog.getClass().getClassLoader());
        Config own =
            config.raw().hasPath(name) ? config.raw().getConfig(name) : ConfigFactory.empty();
        cog.load(new Context(own, database.jdbi(), executor, messaging));
        List<CommandSpec> commands = cog.commands();
        commands.forEach(c -> registry.register(name, c));
        listeners.addAll(cog.listeners());
        running.add(cog);
        log.info("Cog {} loaded with {} command(s)", name, commands.size());
      } catch (Exception | LinkageError e) {
        String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
        failed.put(name, cause);
        log.error(
            "Cog {} failed to load and is disabled; the rest keeps running. Cause: {}",
            name,
            cause,
            e);
      }
    }
    return new LoadedCogs(running, failed);
  }

  private static boolean queueNeedsEmbeddedDatabase(CogworksConfig config) {
    CogworksConfig.Relay gateway = config.messaging().relay();
    return config.messaging().mode() == CogworksConfig.MessagingMode.EXTERNAL_GATEWAY
        && gateway.queueType() == CogworksConfig.QueueType.POSTGRESQL
        && gateway.postgresqlUrl().isBlank()
        && config.database().embedded();
  }

  private record Context(Config config, Jdbi jdbi, Executor executor, MessagingQueue messaging)
      implements CogContext {}

  public ShardManager shards() {
    return shards;
  }

  public LoadedCogs cogs() {
    return cogs;
  }

  public CommandRegistry commands() {
    return registry;
  }

  /** The bot's metrics (the monitor will export them). */
  public MeterRegistry metrics() {
    return metrics;
  }

  public MessagingService messaging() {
    return messaging;
  }

  public Database database() {
    return database;
  }

  public CogworksConfig config() {
    return config;
  }

  /** Graceful shutdown; safe to call twice (the shutdown hook and a caller may both). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info(
        "Shutting down: no new commands; waiting up to {} for {} running",
        config.shutdownDeadline(),
        executor.inFlight());
    try {
      executor.drain(config.shutdownDeadline());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Commands are done; what they queued goes out before Discord is disconnected.
    messaging.close(config.shutdownDeadline());
    shards.shutdown();
    for (JDA shard : shards.getShards()) {
      try {
        if (!shard.awaitShutdown(java.time.Duration.ofSeconds(10))) {
          shard.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Cog cog : cogs.running()) {
      try {
        cog.unload();
      } catch (RuntimeException e) {
        log.warn("Cog {} failed to unload cleanly: {}", cog.name(), e.toString());
      }
    }
    if (gateway != null) {
      gateway.close();
    }
    database.close();
    log.info("Cogworks stopped");
  }
}
