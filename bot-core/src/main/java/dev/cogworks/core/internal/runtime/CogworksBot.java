package dev.cogworks.core.internal.runtime;

import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.admin.BotAdmin;
import dev.cogworks.core.internal.admin.BotParts;
import dev.cogworks.core.internal.admin.ConfigCommands;
import dev.cogworks.core.internal.admin.Operations;
import dev.cogworks.core.internal.admin.OperatorCommands;
import dev.cogworks.core.internal.cog.LoadedCogs;
import dev.cogworks.core.internal.command.AutocompleteRouter;
import dev.cogworks.core.internal.command.BuiltinCommands;
import dev.cogworks.core.internal.command.CommandExecutor;
import dev.cogworks.core.internal.command.CommandRegistry;
import dev.cogworks.core.internal.command.CommandRouter;
import dev.cogworks.core.internal.command.ComponentRegistry;
import dev.cogworks.core.internal.command.ComponentRouter;
import dev.cogworks.core.internal.command.Owners;
import dev.cogworks.core.internal.command.ServerRules;
import dev.cogworks.core.internal.command.SlashCommandSync;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.config.ConfigSource;
import dev.cogworks.core.internal.config.Reloads;
import dev.cogworks.core.internal.conversation.ConversationCommands;
import dev.cogworks.core.internal.conversation.ConversationService;
import dev.cogworks.core.internal.data.ServerRetention;
import dev.cogworks.core.internal.data.UserDataRegistry;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.core.internal.messaging.MessagingMetrics;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.notify.Notice;
import dev.cogworks.core.internal.notify.NoticeKind;
import dev.cogworks.core.internal.notify.Notifier;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.CoreSettings;
import dev.cogworks.core.internal.settings.SettingsCatalog;
import dev.cogworks.core.internal.settings.SettingsStore;
import dev.cogworks.core.internal.voice.JdaVoice;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
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
  private final Owners owners;
  private final CommandExecutor executor;
  private final ShardManager shards;
  private final MessagingService messaging;
  private final MeterRegistry metrics;
  private final LiveMessaging live;
  private final ConfigReloader reloads;
  private final ConfigTriggers triggers;
  private final ServerRetention retention;
  private final SlashCommandSync slashSync;
  private final ConversationService conversation;
  private final Notifier notifier;
  private final List<Runnable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile BotAdmin admin;
  private volatile boolean closed;

  private CogworksBot(
      CogworksConfig config,
      Database database,
      LoadedCogs cogs,
      CommandRegistry registry,
      Owners owners,
      CommandExecutor executor,
      ShardManager shards,
      MessagingService messaging,
      MeterRegistry metrics,
      LiveMessaging live,
      ConfigReloader reloads,
      ConfigTriggers triggers,
      ServerRetention retention,
      SlashCommandSync slashSync,
      ConversationService conversation,
      Notifier notifier) {
    this.config = config;
    this.database = database;
    this.cogs = cogs;
    this.registry = registry;
    this.owners = owners;
    this.executor = executor;
    this.shards = shards;
    this.messaging = messaging;
    this.metrics = metrics;
    this.live = live;
    this.reloads = reloads;
    this.triggers = triggers;
    this.retention = retention;
    this.slashSync = slashSync;
    this.conversation = conversation;
    this.notifier = notifier;
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
   * As {@link #start(CogworksConfig, List, ClassLoader, boolean)}, reading the configuration again
   * from the user's file ({@link ConfigSource#userFile}) when it is reloaded.
   */
  public static CogworksBot start(
      CogworksConfig requested,
      List<Cog> candidates,
      ClassLoader classLoader,
      boolean workersInProcess)
      throws InterruptedException {
    return start(
        requested, ConfigSource.userFile(classLoader), candidates, classLoader, workersInProcess);
  }

  /**
   * As {@link #start(CogworksConfig, List, ClassLoader)}; {@code workersInProcess} (the sandbox)
   * lets the external gateway's queue live in the embedded database when no server is configured,
   * since its worker then runs in this process. {@link #config()} says where it went.
   */
  public static CogworksBot start(
      CogworksConfig requested,
      ConfigSource source,
      List<Cog> candidates,
      ClassLoader classLoader,
      boolean workersInProcess)
      throws InterruptedException {
    log.info("Starting Cogworks: {}, {}", requested.discord(), requested.database());
    Database database = Database.open(requested.database());
    RelayEngine gateway = null;
    CommandExecutor executor = null;
    ShardManager shards = null;
    ServerRetention retention = null;
    ConversationService conversation = null;
    Notifier notifier = null;
    try {
      UnaryOperator<CogworksConfig> adjust =
          read ->
              workersInProcess && queueNeedsEmbeddedDatabase(read)
                  ? read.withRelayPostgresql(
                      database.embeddedJdbcUrl().orElseThrow(), "postgres", "")
                  : read;
      CogworksConfig config = adjust.apply(requested);
      if (config.messaging().mode() == CogworksConfig.MessagingMode.EXTERNAL_GATEWAY) {
        gateway = RelayEngines.open(config);
        log.info("External gateway on {} at {}", config.messaging().relay(), gateway.where());
      }
      database.migrate("core", "db/migration/core", CogworksBot.class.getClassLoader());
      CommandRegistry registry = new CommandRegistry();
      ComponentRegistry components = new ComponentRegistry();
      Owners owners = new Owners(config.discord().owners());
      executor = new CommandExecutor(config.cogs().ioThreads());
      Jdbi jdbi = database.jdbi();
      SettingsCatalog catalog = new SettingsCatalog();
      CoreSettings.declare(catalog, config.commands().prefixes());
      SettingsStore settings = new SettingsStore(jdbi, catalog, executor.io(), executor.pool());
      settings.load();
      ConfigLoader.checkNames(
          config.raw(), "cogs.off_by_default", candidates.stream().map(Cog::name).toList());
      CogSwitches switches =
          new CogSwitches(
              jdbi, Set.copyOf(config.cogs().offByDefault()), executor.io(), executor.pool());
      switches.load();
      ServerRules rules = new ServerRules(catalog, settings, switches);
      UserDataRegistry userData = new UserDataRegistry(executor.io(), executor.pool());
      retention = new ServerRetention(jdbi, config.data().serverRetention(), settings, switches);
      SlashCommandSync slashSync = new SlashCommandSync(registry, jdbi, switches);
      AtomicReference<List<Cog>> running = new AtomicReference<>(List.of());
      Function<Guild, CompletableFuture<Boolean>> resync =
          guild ->
              config.commands().registration() == CogworksConfig.Registration.GUILD
                  ? slashSync.syncGuild(guild)
                  : CompletableFuture.completedFuture(false);
      BuiltinCommands builtins =
          new BuiltinCommands(
              registry, owners, rules, catalog, settings, switches, running::get, resync, userData);
      builtins.commands().forEach(c -> registry.register(BuiltinCommands.COG, c));
      components.register(BuiltinCommands.COG, builtins.components());
      List<Object> listeners = new ArrayList<>();
      PrometheusMeterRegistry meters = Metrics.registry();
      database.bindMetrics(meters);
      MessagingMetrics metrics = new MessagingMetrics(meters);
      MessagingService messaging =
          new MessagingService(config.messaging(), jdbi, metrics, executor.pool());
      notifier = new Notifier(config, messaging);
      LiveMessaging live = new LiveMessaging(messaging, config, gateway);
      JdaVoice voice = new JdaVoice(executor.pool());
      LoadedCogs cogs =
          CogLoading.loadCogs(
              config,
              candidates,
              classLoader,
              database,
              executor,
              messaging,
              registry,
              components,
              listeners,
              new CogLoading.CogServices(catalog, settings, switches, userData, retention, voice));
      running.set(cogs.running());
      CommandRouter router = new CommandRouter(registry, executor, messaging, rules, owners);
      router.onMention(cogs.running());
      conversation =
          ConversationService.create(
                  config.conversation(),
                  cogs.running(),
                  jdbi,
                  metrics.registry(),
                  messaging,
                  rules::assistantPrompt,
                  executor.io())
              .orElse(null);
      if (conversation != null) {
        userData.register("conversation", conversation.userData());
        retention.register("conversation", conversation.serverData());
        new ConversationCommands(conversation, executor.io(), Clock.systemUTC())
            .commands()
            .forEach(c -> registry.register(BuiltinCommands.COG, c));
        router.onDirectMessage(conversation::directMessage);
      }
      Operations operations = new Operations(messaging, live::engine);
      ConfigReloader reloads = new ConfigReloader(source, config, adjust, live, notifier, meters);
      OperatorCommands operator =
          new OperatorCommands(
              operations,
              owners,
              config.messaging().globalRequestsPerSecond(),
              Optional.ofNullable(conversation),
              executor.io());
      List<dev.cogworks.api.command.CommandSpec> subcommands =
          new ArrayList<>(operator.subcommands());
      subcommands.addAll(new ConfigCommands(reloads, executor.io()).subcommands());
      registry.register(BuiltinCommands.COG, builtins.cogworks(subcommands, operator.groups()));
      listeners.add(router);
      listeners.add(new AutocompleteRouter(registry, executor, owners, rules));
      listeners.add(new ComponentRouter(components, executor, messaging, rules));
      listeners.add(new SlashRegistrationListener(slashSync, config.commands().registration()));
      listeners.add(retention);
      listeners.add(notifier.shardListener());
      listeners.add(voice);
      // Gateway workers have no gateway session: what makes their caches wrong, the bot tells.
      listeners.add(new InvalidationPublisher(live::engine));
      shards =
          DiscordConnection.connect(
              config.discord(),
              listeners,
              // With workers, the bot's own REST calls (the deferrals, command sync) share their
              // budget; the pacer follows a live mode switch.
              live.pacer(),
              metrics::rateLimited,
              messaging.buckets(),
              DiscordConnection.INTENTS,
              true,
              classLoader);
      voice.connect(shards);
      awaitReady(shards, config.discord(), config.discord().readyTimeout());
      owners.readApplication(shards.getShards().get(0), config.discord().readyTimeout());
      JdaShardScope scope = new JdaShardScope(shards);
      live.connect(shards, metrics.registry(), config, scope);
      if (conversation != null) {
        conversation.start(scope.shards(), scope.total());
      }
      notifier.start(
          new RequestExecutor(shards),
          Notice.of(NoticeKind.STARTED, "The bot is connected and answering.")
              .with("Mode", config.messaging().mode().name().toLowerCase())
              .with("Shards", shards.getShards().size() + " of " + config.discord().shardsTotal())
              .with("Guilds", shards.getGuildCache().size())
              .with("Cogs", cogs.running().stream().map(Cog::name).toList()));
      log.info(
          "Cogworks is up: {} cog(s) running {}, {} failed {}, {} command(s), {} guild(s)",
          cogs.running().size(),
          cogs.running().stream().map(Cog::name).toList(),
          cogs.failed().size(),
          cogs.failed().keySet(),
          registry.all().size(),
          shards.getGuildCache().size());
      CogworksBot bot =
          new CogworksBot(
              config,
              database,
              cogs,
              registry,
              owners,
              executor,
              shards,
              messaging,
              metrics.registry(),
              live,
              reloads,
              ConfigTriggers.start(reloads, source.userFile()),
              retention,
              slashSync,
              conversation,
              notifier);
      bindShardPings(shards, meters);
      if (config.admin().enabled()) {
        try {
          bot.admin =
              BotAdmin.start(
                  new BotParts(
                      config,
                      messaging,
                      live::engine,
                      reloads,
                      shards,
                      database,
                      Optional.ofNullable(conversation),
                      meters),
                  operations);
        } catch (RuntimeException e) {
          bot.close();
          throw e;
        }
      }
      return bot;
    } catch (RuntimeException | InterruptedException e) {
      // Nothing started may outlive a failed start: JDA's threads would keep the process alive.
      if (shards != null) {
        shards.getShards().forEach(JDA::shutdownNow);
        shards.shutdown();
      }
      if (retention != null) {
        retention.close();
      }
      if (conversation != null) {
        conversation.close();
      }
      if (notifier != null) {
        notifier.close();
      }
      if (executor != null) {
        executor.shutdown();
      }
      if (gateway != null) {
        gateway.close();
      }
      database.close();
      throw e;
    }
  }

  /** Waits for every shard to be ready, up to {@code timeout}; then fails saying which are not. */
  private static void awaitReady(
      ShardManager shards, CogworksConfig.Discord discord, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    // The shard manager creates its shards one by one on a thread of its own.
    int expected = discord.shardIds().isEmpty() ? discord.shardsTotal() : discord.shardIds().size();
    while (shards.getShards().size() < expected) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "only "
                + shards.getShards().size()
                + " of "
                + expected
                + " shard(s) were started within discord.ready_timeout ("
                + timeout
                + "); the shards were not ready");
      }
      Thread.sleep(10);
    }
    for (JDA shard : shards.getShards()) {
      CompletableFuture<Void> ready = new CompletableFuture<>();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  shard.awaitReady();
                  ready.complete(null);
                } catch (InterruptedException e) {
                  ready.completeExceptionally(e);
                }
              },
              "cogworks-await-ready");
      waiter.setDaemon(true);
      waiter.start();
      try {
        ready.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        waiter.interrupt();
        throw new IllegalStateException(
            "shard "
                + shard.getShardInfo().getShardId()
                + " was not ready within discord.ready_timeout ("
                + timeout
                + "; its status: "
                + shard.getStatus()
                + "). Is Discord (discord.gateway_url) reachable?");
      } catch (ExecutionException e) {
        throw new IllegalStateException("waiting for shard readiness failed", e.getCause());
      }
    }
  }

  private static boolean queueNeedsEmbeddedDatabase(CogworksConfig config) {
    CogworksConfig.Relay gateway = config.messaging().relay();
    return config.messaging().mode() == CogworksConfig.MessagingMode.EXTERNAL_GATEWAY
        && gateway.queueType() == CogworksConfig.QueueType.POSTGRESQL
        && gateway.postgresqlUrl().isBlank()
        && config.database().embedded();
  }

  public ShardManager shards() {
    return shards;
  }

  public LoadedCogs cogs() {
    return cogs;
  }

  public CommandRegistry commands() {
    return registry;
  }

  /** How many slash commands the bot lists in a guild: those of the cogs on there. */
  public int slashCommandCount(long guildId) {
    return slashSync.commandData(guildId).size();
  }

  /** Who may run owner-only commands. */
  public Owners owners() {
    return owners;
  }

  /** The bot's metrics (the monitor will export them). */
  public MeterRegistry metrics() {
    return metrics;
  }

  /** The admin server (health, metrics, the monitor); empty when {@code admin.enabled} is off. */
  public Optional<BotAdmin> admin() {
    return Optional.ofNullable(admin);
  }

  /** Each shard's gateway ping (heartbeat round trip), as JDA measures it. */
  private static void bindShardPings(ShardManager shards, MeterRegistry meters) {
    for (JDA shard : shards.getShards()) {
      io.micrometer.core.instrument.Gauge.builder(
              "cogworks.discord.gateway.ping", shard, s -> s.getGatewayPing())
          .description("Heartbeat round trip to Discord's gateway, in milliseconds")
          .tag("shard", Integer.toString(shard.getShardInfo().getShardId()))
          .register(meters);
    }
  }

  /** The conversation queue; empty when no assistant is configured. */
  public Optional<ConversationService> conversation() {
    return Optional.ofNullable(conversation);
  }

  public MessagingService messaging() {
    return messaging;
  }

  /** The operators' notifications; does nothing when none are configured. */
  public Notifier notifier() {
    return notifier;
  }

  public Database database() {
    return database;
  }

  /** The configuration the bot started with; {@link #reloads()} has the one in force now. */
  public CogworksConfig config() {
    return config;
  }

  /** Reloads the configuration (what the file watch, SIGHUP and the owner commands call). */
  public Reloads reloads() {
    return reloads;
  }

  /** What {@code SIGHUP} runs: a reload on the reload thread. */
  public void hangup() {
    triggers.hangup();
  }

  /** Whether this bot installed its SIGHUP handler (not on platforms without the signal). */
  public boolean sighupHandled() {
    return triggers.hangupInstalled();
  }

  /** The external gateway's engine while the mode uses one. */
  public Optional<RelayEngine> gateway() {
    return live.engine();
  }

  /**
   * Runs {@code hook} during {@link #close()}, after Discord is disconnected and before the
   * database closes: the sandbox stops its in-process worker here, whose queue may live in this
   * bot's embedded database.
   */
  public void beforeDatabaseCloses(Runnable hook) {
    closeHooks.add(hook);
  }

  /** Graceful shutdown; safe to call twice (the shutdown hook and a caller may both). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    triggers.close();
    if (admin != null) {
      admin.close();
    }
    if (conversation != null) {
      // Questions stay stored: the next start answers them, and retries one cut short here.
      conversation.close();
    }
    log.info(
        "Shutting down: no new commands; waiting up to {} for {} running",
        config.shutdownDeadline(),
        executor.inFlight());
    try {
      executor.drain(config.shutdownDeadline());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Told while the queue still runs, so it goes out with what the commands queued.
    notifier.stopping(
        Notice.of(NoticeKind.STOPPING, "The bot is shutting down gracefully."),
        config.shutdownDeadline().compareTo(Duration.ofSeconds(10)) < 0
            ? config.shutdownDeadline()
            : Duration.ofSeconds(10));
    // Commands are done; what they queued goes out before Discord is disconnected.
    messaging.close(config.shutdownDeadline());
    notifier.close();
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
    retention.close();
    slashSync.close();
    // Futures of the last requests completed on the cog executor: stop it only now.
    executor.shutdown();
    closeHooks.forEach(Runnable::run);
    live.close();
    database.close();
    log.info("Cogworks stopped");
  }
}
