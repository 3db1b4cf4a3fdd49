package dev.cogworks.core.internal.command;

import dev.cogworks.api.settings.Setting;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.CoreSettings;
import dev.cogworks.core.internal.settings.SettingsCatalog;
import dev.cogworks.core.internal.settings.SettingsStore;
import java.util.Comparator;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * What a server's settings say about commands: its prefixes, the channels where commands are
 * answered, and which cogs are on. Read from memory; never blocks.
 */
public final class ServerRules {
  private final SettingsCatalog catalog;
  private final SettingsStore settings;
  private final CogSwitches cogs;

  public ServerRules(SettingsCatalog catalog, SettingsStore settings, CogSwitches cogs) {
    this.catalog = catalog;
    this.settings = settings;
    this.cogs = cogs;
  }

  /** The server's value of one of the core's settings. */
  @SuppressWarnings("unchecked")
  private <T> T core(long guildId, Setting<T> setting) {
    return (T) settings.get(guildId, catalog.require(CoreSettings.COG, setting));
  }

  /** The server's prefixes, longest first, so that {@code !!} wins over {@code !}. */
  List<String> prefixes(Guild guild) {
    return prefixList(guild).stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** The prefix to show in messages: the server's first. */
  String mainPrefix(Guild guild) {
    return prefixList(guild).get(0);
  }

  /** A server's prefixes; outside servers (direct messages), the bot's default ones. */
  @SuppressWarnings("unchecked")
  private List<String> prefixList(Guild guild) {
    return guild == null
        ? (List<String>) catalog.require(CoreSettings.COG, CoreSettings.PREFIXES).defaultValue()
        : core(guild.getIdLong(), CoreSettings.PREFIXES);
  }

  /** The instructions a server's admins gave the assistant; empty when none. */
  public java.util.Optional<String> assistantPrompt(long guildId) {
    String prompt = core(guildId, CoreSettings.ASSISTANT_PROMPT);
    return prompt.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(prompt);
  }

  /**
   * Whether commands are answered in {@code channel} (a thread follows its parent): not in an
   * ignored channel, and only in the command channels when there are some. Members with Manage
   * Server are always answered, so that they can never lock themselves out.
   */
  boolean answersIn(GuildChannel channel, Member member) {
    if (member != null && member.hasPermission(Permission.MANAGE_SERVER)) {
      return true;
    }
    long where =
        channel instanceof ThreadChannel thread
            ? thread.getParentChannel().getIdLong()
            : channel.getIdLong();
    long guild = channel.getGuild().getIdLong();
    if (core(guild, CoreSettings.IGNORED_CHANNELS).contains(where)) {
      return false;
    }
    List<Long> only = core(guild, CoreSettings.COMMAND_CHANNELS);
    return only.isEmpty() || only.contains(where);
  }

  /** Whether {@code cog} is on in the server; everything is on outside servers. */
  boolean cogOn(Guild guild, String cog) {
    return guild == null || cogs.enabled(guild.getIdLong(), cog);
  }

  /** What a user of a command of a cog that is off here reads. */
  static String cogOff(String cog, String prefix) {
    return "The `"
        + cog
        + "` cog is turned off in this server. An admin can turn it on with `"
        + prefix
        + "cog enable "
        + cog
        + "`.";
  }
}
