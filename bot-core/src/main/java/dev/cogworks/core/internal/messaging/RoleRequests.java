package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import net.dv8tion.jda.internal.requests.restaction.AuditableRestActionImpl;

/**
 * Role requests as JDA calls. Adding and removing go out as Discord's own routes, without JDA's
 * checks against its cache: whether the bot may give a role (Manage Roles, the role below its own
 * highest, not managed, not {@code @everyone}) is Discord's answer, 403 / 50013, the same in every
 * mode, and a worker with no member cache sends exactly what the bot would.
 */
public final class RoleRequests {
  /** List Guild Members answers at most 1,000 a page. */
  private static final int MEMBER_PAGE = 1000;

  /** List Guild Members, which JDA has no route for (it reads members over the gateway). */
  public static final Route LIST_MEMBERS = Route.get("guilds/{guild_id}/members");

  private RoleRequests() {}

  /**
   * From the gateway's cache, which GUILD_ROLE_* events keep current; highest first, {@code
   * @everyone} last.
   */
  static List<GuildRole> list(Guild guild) {
    List<GuildRole> roles = new ArrayList<>();
    for (Role r : guild.getRoles()) {
      roles.add(role(r));
    }
    Role everyone = guild.getPublicRole();
    if (roles.stream().noneMatch(r -> r.id() == everyone.getIdLong())) {
      roles.add(role(everyone));
    }
    return roles;
  }

  private static GuildRole role(Role r) {
    return new GuildRole(
        r.getIdLong(),
        r.getName(),
        r.getPositionRaw(),
        r.isManaged(),
        r.getPermissionsRaw(),
        r.getColors().getPrimaryRaw() & 0xFFFFFF);
  }

  static CompletableFuture<Void> change(
      Guild guild, long userId, long roleId, String reason, boolean add) {
    Route route = add ? Route.Guilds.ADD_MEMBER_ROLE : Route.Guilds.REMOVE_MEMBER_ROLE;
    return new AuditableRestActionImpl<Void>(
            guild.getJDA(),
            route.compile(guild.getId(), Long.toUnsignedString(userId), Long.toString(roleId)))
        .reason(reason)
        .submit();
  }

  static CompletableFuture<GuildMember> member(Guild guild, DiscordRequest.FetchMember fetch) {
    if (fetch.userId() == DiscordRequest.FetchMember.BOT) {
      return CompletableFuture.completedFuture(member(guild.getSelfMember()));
    }
    return guild.retrieveMemberById(fetch.userId()).submit().thenApply(RoleRequests::member);
  }

  private static GuildMember member(Member m) {
    return new GuildMember(
        m.getIdLong(),
        m.getUser().getName(),
        m.getUser().isBot(),
        m.getRoles().stream().map(Role::getIdLong).toList(),
        m.isOwner());
  }

  /** Pages through List Guild Members, keeping those with the role. */
  static CompletableFuture<List<GuildMember>> withRole(Guild guild, long roleId) {
    List<GuildMember> found = new ArrayList<>();
    return page(guild, roleId, 0, found).thenApply(done -> found);
  }

  private static CompletableFuture<Void> page(
      Guild guild, long roleId, long after, List<GuildMember> found) {
    Route.CompiledRoute route =
        LIST_MEMBERS
            .compile(guild.getId())
            .withQueryParams(
                "limit", Integer.toString(MEMBER_PAGE), "after", Long.toUnsignedString(after));
    return new RestActionImpl<DataArray>(
            guild.getJDA(), route, (response, request) -> response.getArray())
        .submit()
        .thenCompose(
            members -> {
              long last = after;
              for (int i = 0; i < members.length(); i++) {
                DataObject m = members.getObject(i);
                DataObject user = m.getObject("user");
                last = Math.max(last, user.getUnsignedLong("id"));
                List<Long> roles = new ArrayList<>();
                DataArray ids = m.getArray("roles");
                for (int r = 0; r < ids.length(); r++) {
                  roles.add(Long.parseUnsignedLong(ids.getString(r)));
                }
                if (roles.contains(roleId)) {
                  found.add(
                      new GuildMember(
                          user.getUnsignedLong("id"),
                          user.getString("username"),
                          user.getBoolean("bot"),
                          roles,
                          user.getUnsignedLong("id") == guild.getOwnerIdLong()));
                }
              }
              if (members.length() < MEMBER_PAGE) {
                return CompletableFuture.completedFuture(null);
              }
              return page(guild, roleId, last, found);
            });
  }
}
