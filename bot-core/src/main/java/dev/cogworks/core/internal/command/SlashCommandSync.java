package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.core.internal.settings.CogSwitches;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the slash commands, per guild or globally, only when they changed: Discord limits
 * command writes, and a bot that overwrites them at every start burns that budget. What was last
 * registered is remembered as a hash of the exact payload in {@code core_command_registrations}.
 */
public final class SlashCommandSync {
  private static final Logger log = LoggerFactory.getLogger(SlashCommandSync.class);

  private final CommandRegistry registry;
  private final Jdbi jdbi;
  private final CogSwitches switches;
  private final java.util.concurrent.ExecutorService thread =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          dev.cogworks.core.internal.concurrent.DaemonThreads.named("cogworks-slash-sync"));

  public SlashCommandSync(CommandRegistry registry, Jdbi jdbi, CogSwitches switches) {
    this.registry = registry;
    this.jdbi = jdbi;
    this.switches = switches;
  }

  /**
   * Every command: what global registration lists in every server, those usable in direct messages
   * there too.
   */
  public List<CommandData> commandData() {
    return registry.all().stream()
        .map(
            c ->
                toData(
                    c.spec(),
                    c.spec().directMessages()
                        ? EnumSet.of(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
                        : EnumSet.of(InteractionContextType.GUILD)))
        .toList();
  }

  /** The commands of the cogs that are on in {@code guildId}: its own list. */
  public List<CommandData> commandData(long guildId) {
    return registry.all().stream()
        .filter(c -> switches.enabled(guildId, c.cog()))
        .map(c -> toData(c.spec(), EnumSet.of(InteractionContextType.GUILD)))
        .toList();
  }

  /**
   * With registration per guild, the commands usable in direct messages, registered globally for
   * DMs only (Discord offers no guild command in a DM), so that servers do not list them twice.
   */
  public List<CommandData> directMessageData() {
    return registry.all().stream()
        .filter(c -> c.spec().directMessages())
        .map(c -> toData(c.spec(), EnumSet.of(InteractionContextType.BOT_DM)))
        .toList();
  }

  /**
   * Discord's shape: a command's options, or its subcommands (type 1) and groups (type 2) of
   * subcommands. Only the command's own permissions can be registered (Discord has no per
   * subcommand defaults); those of groups and subcommands are checked when they run. Owner-only
   * commands are registered like any other: Discord cannot hide a command from all but a few users,
   * so the router refuses everyone else.
   */
  static CommandData toData(CommandSpec spec, Set<InteractionContextType> contexts) {
    SlashCommandData data = Commands.slash(spec.name(), spec.description());
    data.setContexts(contexts);
    spec.options().forEach(o -> data.addOptions(SlashOptions.data(o)));
    spec.subcommands().forEach(sub -> data.addSubcommands(subcommand(sub)));
    for (CommandGroup group : spec.groups()) {
      SubcommandGroupData groupData = new SubcommandGroupData(group.name(), group.description());
      group.subcommands().forEach(sub -> groupData.addSubcommands(subcommand(sub)));
      data.addSubcommandGroups(groupData);
    }
    if (!spec.requiredPermissions().isEmpty()) {
      data.setDefaultPermissions(DefaultMemberPermissions.enabledFor(spec.requiredPermissions()));
    }
    return data;
  }

  private static SubcommandData subcommand(CommandSpec sub) {
    SubcommandData data = new SubcommandData(sub.name(), sub.description());
    sub.options().forEach(o -> data.addOptions(SlashOptions.data(o)));
    return data;
  }

  /**
   * Registers the guild's commands if they changed. Every registration runs on one thread of its
   * own, one after another: two syncs of one guild (its start and an admin's {@code cog disable})
   * end with Discord and the stored hash the same, and waiting for Discord never holds a thread
   * that cogs' database work needs.
   */
  public CompletableFuture<Boolean> syncGuild(Guild guild) {
    String scope = "guild:" + guild.getId();
    return CompletableFuture.supplyAsync(
        () -> {
          List<CommandData> commands = commandData(guild.getIdLong());
          return sync(
                  guild.getJDA(),
                  scope,
                  commands,
                  () -> guild.updateCommands().addCommands(commands).submit())
              .join();
        },
        thread);
  }

  /** With registration per guild: the global list of commands usable in direct messages. */
  public CompletableFuture<Boolean> syncDirectMessages(JDA jda) {
    return syncGlobalList(jda, this::directMessageData);
  }

  public CompletableFuture<Boolean> syncGlobal(JDA jda) {
    return syncGlobalList(jda, this::commandData);
  }

  /** Registers {@code list} as the application's global commands, if it changed. */
  private CompletableFuture<Boolean> syncGlobalList(
      JDA jda, java.util.function.Supplier<List<CommandData>> list) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<CommandData> commands = list.get();
          return sync(
                  jda,
                  "global",
                  commands,
                  () -> jda.updateCommands().addCommands(commands).submit())
              .join();
        },
        thread);
  }

  /** Stops the registration thread; a registration not done is done at the next start. */
  public void close() {
    thread.shutdownNow();
  }

  private interface Writer {
    CompletableFuture<?> write();
  }

  /** Completes with true when it registered, false when the registration was already current. */
  private CompletableFuture<Boolean> sync(
      JDA jda, String scope, List<CommandData> commands, Writer writer) {
    long application = jda.getSelfUser().getApplicationIdLong();
    String hash = hash(commands);
    Optional<String> stored =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT payload_hash FROM core_command_registrations"
                            + " WHERE application_id = :app AND scope = :scope")
                    .bind("app", application)
                    .bind("scope", scope)
                    .mapTo(String.class)
                    .findOne());
    if (stored.filter(hash::equals).isPresent()) {
      log.info("Slash commands for {} unchanged; not registering again", scope);
      return CompletableFuture.completedFuture(false);
    }
    return writer
        .write()
        .thenApply(
            done -> {
              jdbi.useHandle(
                  h ->
                      h.createUpdate(
                              "INSERT INTO core_command_registrations (application_id, scope, payload_hash)"
                                  + " VALUES (:app, :scope, :hash) ON CONFLICT (application_id, scope)"
                                  + " DO UPDATE SET payload_hash = :hash, registered_at = now()")
                          .bind("app", application)
                          .bind("scope", scope)
                          .bind("hash", hash)
                          .execute());
              log.info("Registered {} slash command(s) for {}", commands.size(), scope);
              return true;
            });
  }

  static String hash(List<CommandData> commands) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (CommandData command : commands) {
        digest.update(command.toData().toJson());
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
