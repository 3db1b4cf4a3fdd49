package dev.cogworks.role;

import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;

/**
 * Who asked, as the command's or click's event carried them: their roles, and whether they are an
 * administrator (Administrator, or the server's owner, who is above every role) or hold Manage
 * Roles. Read from the event, never fetched.
 */
record Caller(long userId, String name, List<Long> roleIds, boolean admin, boolean manageRoles) {
  Caller {
    roleIds = List.copyOf(roleIds);
  }

  static Caller of(Member member) {
    return new Caller(
        member.getIdLong(),
        member.getUser().getName(),
        member.getRoles().stream().map(Role::getIdLong).toList(),
        member.isOwner() || member.hasPermission(Permission.ADMINISTRATOR),
        member.hasPermission(Permission.MANAGE_ROLES));
  }

  /** For the audit log: who asked, by name and id. */
  String describe() {
    return name + " (" + userId + ")";
  }
}
