package dev.cogworks.api;

import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.settings.Setting;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.dv8tion.jda.api.entities.Message;

/**
 * A plugin: a feature of the bot with its commands, listeners, migrations and config block. Cogs
 * are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.cogworks.api.Cog}) on the classpath and in jars under {@code ./plugins/}.
 * Every method but {@link #name()} has a no-op default.
 *
 * <p>Most cogs extend {@link CogHelper} rather than implementing this directly.
 */
public interface Cog {
  /** A short lower-case name: the key of the cog's config block and of {@code cogs.enabled}. */
  String name();

  /** One line shown in {@code help}. */
  default String description() {
    return "";
  }

  /**
   * Called once at start, after the cog's migrations ran and before the bot connects. Throwing here
   * disables this cog only; the rest of the bot keeps running.
   */
  default void load(CogContext context) throws Exception {}

  /** Called once at shutdown, after in-flight commands finished or the deadline passed. */
  default void unload() {}

  /** The commands this cog serves, as slash and prefix commands alike. */
  default List<CommandSpec> commands() {
    return List.of();
  }

  /**
   * The handlers for this cog's buttons and select menus, by name; a component whose {@link
   * dev.cogworks.api.component.ComponentId} names this cog and one of them is routed to it.
   */
  default List<ComponentSpec> components() {
    return List.of();
  }

  /** JDA event listeners (for example {@code ListenerAdapter}s) this cog registers. */
  default List<Object> listeners() {
    return List.of();
  }

  /**
   * A message in a server that starts with a mention of the bot but names none of the bot's
   * commands: a bare mention ({@code text} empty), or a mention followed by other words ({@code
   * "@bot good morning"}: {@code text} is {@code "good morning"}). A mention followed by a command
   * always runs the command and never comes here; nor do messages in channels where commands are
   * not answered ({@code core.ignored_channels}, {@code core.command_channels}) or from bots.
   *
   * <p>The bot asks each cog that is on in that server, in load order; the first to return {@code
   * true} has taken the message and the bot adds nothing. When none does, the bot answers as it
   * always did ("Yes? Try help", "Unknown command"). Called on a JDA event thread: decide at once
   * from what is in memory, never block, and answer asynchronously (through {@link CogHelper}, so
   * through the MessagingQueue). A cog that throws is logged and skipped.
   *
   * <p>Plain messages that mention nobody reach a cog as JDA events through {@link #listeners()}.
   *
   * @param message the message as JDA received it (for reading only)
   * @param text what follows the mention, trimmed
   * @return whether this cog answers it
   */
  default boolean onMention(Message message, String text) {
    return false;
  }

  /**
   * This cog's per-server settings. Each needs a default in the cog's {@code reference.conf} under
   * {@code <name>.settings}; the cog reads them with {@code context.settings(guildId).get(...)} and
   * a server's admins change them with {@code settings set}.
   */
  default List<Setting<?>> settings() {
    return List.of();
  }

  /**
   * What this cog keeps about people, and how to delete it ({@code mydata}); empty when it keeps
   * nothing about anyone.
   */
  default Optional<UserData> userData() {
    return Optional.empty();
  }

  /**
   * How this cog deletes what it keeps about a server the bot left ({@code data.server_retention});
   * empty when it keeps nothing per server beyond its settings.
   */
  default Optional<ServerData> serverData() {
    return Optional.empty();
  }

  /**
   * Assistants this cog offers to the conversation queue ({@code ask}, direct messages to the bot);
   * {@code conversation.assistant} picks one by {@link Assistant#name()}.
   */
  default List<Assistant> assistants() {
    return List.of();
  }

  /**
   * The cog API version this cog was built against ({@link CogApi}); by default what its jar's
   * manifest declares. The bot refuses to load a cog built against another version.
   */
  default OptionalInt apiVersion() {
    return CogApi.declaredBy(getClass());
  }

  /**
   * Where this cog's Flyway migrations live on its classpath, {@code db/migration/<name>} by
   * default; its tables are prefixed with its name.
   */
  default String migrations() {
    return "db/migration/" + name();
  }
}
