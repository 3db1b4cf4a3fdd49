package dev.cogworks.app;

import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.cog.CogLoader;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.config.ConfigSource;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.SimMain;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar bot.jar [run|gateway|sim|migrate|--help]}. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  static final String HELP =
      """
      Cogworks — a Discord bot with plugin cogs.

      usage: java -jar bot.jar [command]

      commands:
        run       (default) start the bot. With a token it connects to Discord; without one it
                  runs the offline sandbox: discord-sim on 127.0.0.1 (sandbox.port, default 8090)
                  with guild "Sandbox", an embedded PostgreSQL, and the bot; open the printed URL.
        gateway   run a gateway worker for bots in messaging.mode = external_gateway: it takes
                  their Discord requests from PostgreSQL or Redis (messaging.gateway) and makes
                  the calls. Same config file and DISCORD_TOKEN as the bot; run one or more.
        sim       run only the Discord simulator: sim --port N [--seed-sandbox]
        migrate   run every database migration (core and cogs) and exit
        --help    this text

      configuration, later sources winning:
        reference.conf of each module (every key documented, with its default)
        ./application.conf, or the file given with -Dconfig.file=path
        -Dkey=value system properties, e.g. -Dcommands.prefix=?
        environment: DISCORD_TOKEN (the bot token), DATABASE_PASSWORD,
                     GATEWAY_POSTGRESQL_PASSWORD, GATEWAY_REDIS_URI
      plugins: cog jars in ./plugins (cogs.plugins_dir) are loaded at start.
      """;

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "run" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (command) {
        case "run" -> run();
        case "gateway" -> gateway();
        case "sim" -> SimMain.main(rest);
        case "migrate" -> migrate();
        case "--help", "-h", "help" -> System.out.print(HELP);
        default -> {
          System.err.println(
              "Unknown command '" + command + "'. Commands: run, gateway, sim, migrate, --help");
          System.exit(2);
        }
      }
    } catch (ConfigError e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    } catch (RuntimeException e) {
      log.error("Cogworks could not start", e);
      System.err.println("Cogworks could not start: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Config, read once; plugins' reference.conf files count, so plugins are found first. */
  private record Setup(CogworksConfig config, List<Cog> cogs, ClassLoader classLoader) {
    /** Where a reload reads the configuration again. */
    ConfigSource source() {
      return new ConfigSource(
          ConfigLoader.userFile(), com.typesafe.config.ConfigFactory.empty(), classLoader);
    }
  }

  private static Setup setup() {
    Path file = ConfigLoader.userFile();
    ClassLoader app = Main.class.getClassLoader();
    CogworksConfig first = ConfigLoader.load(file, com.typesafe.config.ConfigFactory.empty(), app);
    ClassLoader plugins = CogLoader.pluginClassLoader(first.cogs().pluginsDir(), app);
    CogworksConfig config =
        plugins == app
            ? first
            : ConfigLoader.load(file, com.typesafe.config.ConfigFactory.empty(), plugins);
    return new Setup(config, CogLoader.discover(plugins), plugins);
  }

  /** A gateway worker for bots in external_gateway mode; same config file as the bot. */
  private static void gateway() throws InterruptedException {
    Setup setup = setup();
    RelayWorkerProcess worker = RelayWorkerProcess.start(setup.config());
    System.out.println("Gateway worker " + worker.worker().id() + " ready");
    worker
        .admin()
        .ifPresent(a -> System.out.println("Admin server (" + a.role() + "): " + a.url()));
    System.out.flush();
    awaitShutdown(worker);
  }

  private static void run() throws InterruptedException {
    Setup setup = setup();
    AutoCloseable running;
    if (setup.config().discord().hasToken()) {
      CogworksBot bot =
          CogworksBot.start(
              setup.config(), setup.source(), setup.cogs(), setup.classLoader(), false);
      running = bot;
      System.out.println(
          "Cogworks connected to Discord as "
              + bot.shards().getShards().get(0).getSelfUser().getName());
      bot.admin()
          .ifPresent(
              a ->
                  System.out.println(
                      "Admin server (bot): "
                          + a.server().url()
                          + " (token: ADMIN_TOKEN, or the file "
                          + setup.config().admin().tokenFile()
                          + ")"));
    } else {
      Sandbox sandbox = Sandbox.start(setup.config(), setup.cogs(), setup.classLoader());
      running = sandbox;
      System.out.println("Sandbox ready: " + sandbox.url());
      // The sandbox's console belongs to the person running it: the one place the token shows.
      sandbox
          .bot()
          .admin()
          .ifPresent(
              a ->
                  System.out.println(
                      "Queue monitor: " + a.server().url() + "  token: " + a.token().reveal()));
    }
    System.out.flush();
    awaitShutdown(running);
  }

  /** Blocks until the JVM is asked to stop, then closes {@code running} gracefully. */
  private static void awaitShutdown(AutoCloseable running) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Printed, not logged: the logging system may already be stopping.
                  System.out.println("Cogworks stopping...");
                  try {
                    running.close();
                    System.out.println("Cogworks stopped.");
                  } catch (Exception e) {
                    System.out.println("Cogworks stopped, not cleanly: " + e);
                  }
                  System.out.flush();
                  stopped.countDown();
                },
                "cogworks-shutdown"));
    stopped.await();
  }

  private static void migrate() {
    Setup setup = setup();
    try (Database database = Database.open(setup.config().database())) {
      database.migrate("core", "db/migration/core", Main.class.getClassLoader());
      for (Cog cog : setup.cogs()) {
        if (setup.config().cogs().wants(cog.name())) {
          database.migrate(cog.name(), cog.migrations(), cog.getClass().getClassLoader());
          System.out.println("Migrated " + cog.name());
        }
      }
    }
    System.out.println("Migrations done.");
  }
}
