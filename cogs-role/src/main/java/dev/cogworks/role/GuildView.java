package dev.cogworks.role;

import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;

/**
 * A server's roles and the bot's own membership, as the MessagingQueue answered them for one
 * command: every rule about who may give what is decided against this one snapshot.
 */
record GuildView(long guildId, List<GuildRole> roles, GuildMember bot) {
  GuildView {
    roles =
        roles.stream()
            .sorted(
                Comparator.comparingInt(GuildRole::position)
                    .reversed()
                    .thenComparingLong(GuildRole::id))
            .toList();
  }

  Optional<GuildRole> role(long id) {
    return roles.stream().filter(r -> r.id() == id).findFirst();
  }

  GuildRole everyone() {
    return role(guildId).orElseThrow();
  }

  /** Roles a member may hold: neither {@code @everyone} nor an integration's, highest first. */
  List<GuildRole> assignable() {
    return roles.stream().filter(r -> !r.isEveryone(guildId) && !r.managed()).toList();
  }

  /** The highest position among {@code roleIds} ({@code @everyone}'s 0 with none). */
  int highest(Collection<Long> roleIds) {
    return roles.stream()
        .filter(r -> roleIds.contains(r.id()))
        .mapToInt(GuildRole::position)
        .max()
        .orElse(0);
  }

  /** What {@code roleIds} grant together, with {@code @everyone}'s. */
  long permissions(Collection<Long> roleIds) {
    long all = role(guildId).map(GuildRole::permissions).orElse(0L);
    for (GuildRole r : roles) {
      if (roleIds.contains(r.id())) {
        all |= r.permissions();
      }
    }
    return all;
  }

  int botHighest() {
    return highest(bot.roleIds());
  }

  boolean botManagesRoles() {
    long p = permissions(bot.roleIds());
    return (p & (Permission.ADMINISTRATOR.getRawValue() | Permission.MANAGE_ROLES.getRawValue()))
        != 0;
  }

  /** Why the bot cannot give or take {@code role}, if it cannot: Discord would answer 403. */
  Optional<String> botCannot(GuildRole role) {
    if (role.isEveryone(guildId)) {
      return Optional.of("@everyone belongs to everyone; nobody gives or takes it");
    }
    if (role.managed()) {
      return Optional.of(
          "**" + role.name() + "** is managed by an integration; nobody can give or take it");
    }
    if (!botManagesRoles()) {
      return Optional.of("I lack the Manage Roles permission");
    }
    if (role.position() >= botHighest()) {
      return Optional.of(
          "**"
              + role.name()
              + "** is at or above my highest role; an admin must move my role above it");
    }
    return Optional.empty();
  }
}
