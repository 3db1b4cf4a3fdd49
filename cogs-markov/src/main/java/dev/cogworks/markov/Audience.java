package dev.cogworks.markov;

import java.util.HashSet;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.PermissionOverride;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.attribute.IAgeRestrictedChannel;
import net.dv8tion.jda.api.entities.channel.attribute.IPermissionContainer;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * Who may read a channel, from JDA's cache (no request): text learned in one channel is spoken in
 * another only when everyone who reads the second may read the first, and NSFW text only in NSFW
 * channels. Readers are counted by role (a member holding the role, with @everyone) and by the
 * members a channel lets in by name. A member denied by name in the source while a role of theirs
 * sees the target is not caught: overwrites naming members are rare, and roles decide.
 */
final class Audience {
  private Audience() {}

  /**
   * Whether text learned in {@code source} may be spoken in {@code target}: every role that sees
   * the target sees the source, and so does every member the target lets in by name.
   */
  static boolean mayHear(GuildChannel target, GuildChannel source) {
    if (nsfw(source) && !nsfw(target)) {
      return false;
    }
    if (!roleReaders(source).containsAll(roleReaders(target))) {
      return false;
    }
    for (PermissionOverride override :
        target.getPermissionContainer().getMemberPermissionOverrides()) {
      if (override.getAllowed().contains(Permission.VIEW_CHANNEL)) {
        Member member = override.getMember();
        if (member == null || !member.hasPermission(source, Permission.VIEW_CHANNEL)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The roles (with @everyone) whose holders can view the channel. */
  static Set<Long> roleReaders(GuildChannel channel) {
    IPermissionContainer container = channel.getPermissionContainer();
    Set<Long> readers = new HashSet<>();
    for (Role role : channel.getGuild().getRoles()) { // includes @everyone
      if (role.hasPermission(container, Permission.VIEW_CHANNEL)) {
        readers.add(role.getIdLong());
      }
    }
    return readers;
  }

  private static boolean nsfw(GuildChannel channel) {
    GuildChannel c = channel.getPermissionContainer();
    return c instanceof IAgeRestrictedChannel age && age.isNSFW()
        || channel instanceof IAgeRestrictedChannel own && own.isNSFW();
  }

  /** Whether the bot can read the channel's history (Discord answers an empty list otherwise). */
  static boolean botCanRead(GuildChannel channel) {
    return channel
        .getGuild()
        .getSelfMember()
        .hasPermission(channel, Permission.VIEW_CHANNEL, Permission.MESSAGE_HISTORY);
  }
}
