package dev.cogworks.sim.state;

import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimRole;

/** Discord's permission algorithm: guild base permissions, then channel overwrites, in order. */
public final class Permissions {
  private Permissions() {}

  public static long base(SimGuild guild, SimMember member) {
    if (guild.ownerId == member.user.id) {
      return Permission.ALL;
    }
    long granted = guild.everyone().permissions;
    for (long roleId : member.roleIds) {
      SimRole role = guild.roles.get(roleId);
      if (role != null) {
        granted |= role.permissions;
      }
    }
    return (granted & Permission.ADMINISTRATOR) != 0 ? Permission.ALL : granted;
  }

  public static long inChannel(SimGuild guild, SimMember member, SimChannel channel) {
    long granted = base(guild, member);
    if (granted == Permission.ALL) {
      return granted;
    }
    long roleAllow = 0;
    long roleDeny = 0;
    for (PermissionOverwrite overwrite : channel.overwrites) {
      if (overwrite.type() == PermissionOverwrite.ROLE && overwrite.id() == guild.id) {
        granted = (granted & ~overwrite.deny()) | overwrite.allow();
      } else if (overwrite.type() == PermissionOverwrite.ROLE
          && member.roleIds.contains(overwrite.id())) {
        roleAllow |= overwrite.allow();
        roleDeny |= overwrite.deny();
      }
    }
    granted = (granted & ~roleDeny) | roleAllow;
    for (PermissionOverwrite overwrite : channel.overwrites) {
      if (overwrite.type() == PermissionOverwrite.MEMBER && overwrite.id() == member.user.id) {
        granted = (granted & ~overwrite.deny()) | overwrite.allow();
      }
    }
    return granted;
  }

  /** The position of the member's highest role (0 for @everyone only); owners outrank all. */
  public static int highestPosition(SimGuild guild, SimMember member) {
    if (guild.ownerId == member.user.id) {
      return Integer.MAX_VALUE;
    }
    int highest = 0;
    for (long roleId : member.roleIds) {
      SimRole role = guild.roles.get(roleId);
      if (role != null) {
        highest = Math.max(highest, role.position);
      }
    }
    return highest;
  }
}
