package dev.cogworks.core.internal.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.Cog;
import dev.cogworks.api.CogApi;
import dev.cogworks.api.CogContext;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.settings.GuildSettings;
import dev.cogworks.api.voice.Voice;
import dev.cogworks.core.internal.cog.CogListener;
import dev.cogworks.core.internal.cog.LoadedCogs;
import dev.cogworks.core.internal.command.CommandExecutor;
import dev.cogworks.core.internal.command.CommandRegistry;
import dev.cogworks.core.internal.command.ComponentRegistry;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.data.ServerRetention;
import dev.cogworks.core.internal.data.UserDataRegistry;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.core.internal.settings.CogSettings;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.SettingsCatalog;
import dev.cogworks.core.internal.settings.SettingsStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.hooks.EventListener;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loading the configured cogs at start: each one checked (API version, config keys), migrated,
 * given its context, and its commands, components, listeners and data registered — or, if any step
 * throws, left out with the reason while the rest keep running.
 */
final class CogLoading {
  private static final Logger log = LoggerFactory.getLogger(CogLoading.class);

  private CogLoading() {}

  static LoadedCogs loadCogs(
      CogworksConfig config,
      List<Cog> candidates,
      ClassLoader classLoader,
      Database database,
      CommandExecutor executor,
      MessagingQueue messaging,
      CommandRegistry registry,
      ComponentRegistry components,
      List<Object> listeners,
      CogServices services) {
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
        checkApiVersion(cog);
        ConfigLoader.checkKnownKeys(config.raw(), reference, name);
        database.migrate(name, cog.migrations(), cog.getClass().getClassLoader());
        Config own =
            config.raw().hasPath(name) ? config.raw().getConfig(name) : ConfigFactory.empty();
        // Before load: a cog may read its settings' defaults there already.
        services.catalog().declare(name, cog.settings(), own);
        cog.load(
            new Context(
                name,
                own,
                database.jdbi(),
                executor.pool(),
                executor.io(),
                messaging,
                services.catalog(),
                services.settings(),
                services.switches(),
                services.voice(),
                classLoader));
        // Everything a cog hands over is asked before anything is registered, so a cog that
        // throws here leaves nothing half-registered.
        List<CommandSpec> commands = cog.commands();
        var componentSpecs = cog.components();
        List<Object> ownListeners = cog.listeners();
        var userData = cog.userData();
        var serverData = cog.serverData();
        components.register(name, componentSpecs);
        commands.forEach(c -> registry.register(name, c));
        for (Object listener : ownListeners) {
          // Silenced in the servers where the cog is off; other kinds of listener are JDA's to
          // refuse, as before.
          listeners.add(
              listener instanceof EventListener jdaListener
                  ? new CogListener(name, jdaListener, services.switches()::enabled)
                  : listener);
        }
        userData.ifPresent(data -> services.userData().register(name, data));
        serverData.ifPresent(data -> services.retention().register(name, data));
        running.add(cog);
        log.info("Cog {} loaded with {} command(s)", name, commands.size());
      } catch (Exception | LinkageError e) {
        services.catalog().forget(name);
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

  /** A cog built against another API version would fail later, less clearly: refuse it now. */
  private static void checkApiVersion(Cog cog) {
    OptionalInt declared = cog.apiVersion();
    if (declared.isPresent() && declared.getAsInt() != CogApi.VERSION) {
      throw new IllegalStateException(
          "built against Cogworks API "
              + declared.getAsInt()
              + ", but this bot provides API "
              + CogApi.VERSION
              + "; rebuild the plugin against bot-api "
              + CogApi.VERSION);
    }
  }

  private record Context(
      String cog,
      Config config,
      Jdbi jdbi,
      Executor executor,
      Executor io,
      MessagingQueue messaging,
      SettingsCatalog catalog,
      SettingsStore store,
      CogSwitches switches,
      Voice voice,
      ClassLoader plugins)
      implements CogContext {
    @Override
    public GuildSettings settings(long guildId) {
      return new CogSettings(cog, guildId, catalog, store);
    }

    @Override
    public boolean enabledIn(long guildId) {
      return switches.enabled(guildId, cog);
    }
  }

  /** What loading a cog registers it with besides commands: settings, user and server data. */
  record CogServices(
      SettingsCatalog catalog,
      SettingsStore settings,
      CogSwitches switches,
      UserDataRegistry userData,
      ServerRetention retention,
      Voice voice) {}
}
