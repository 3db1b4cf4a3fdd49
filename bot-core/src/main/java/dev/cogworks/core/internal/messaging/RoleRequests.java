package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
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

  /**
   * Get Guild Roles' answer in {@link #list(Guild)}'s order: highest position first (of two at one
   * position, the older, lower id), {@code @everyone} last.
   */
  static List<GuildRole> list(DataArray answer, long guildId) {
    List<GuildRole> roles = new ArrayList<>();
    GuildRole everyone = null;
    for (int i = 0; i < answer.length(); i++) {
      GuildRole role = role(answer.getObject(i));
      if (role.id() == guildId) {
        everyone = role;
      } else {
        roles.add(role);
      }
    }
    roles.sort(
        java.util.Comparator.comparingInt(GuildRole::position)
            .reversed()
            .thenComparing(GuildRole::id, Long::compareUnsigned));
    if (everyone != null) {
      roles.add(everyone);
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
      JDA jda, long guildId, long userId, long roleId, String reason, boolean add) {
    Route route = add ? Route.Guilds.ADD_MEMBER_ROLE : Route.Guilds.REMOVE_MEMBER_ROLE;
    return new AuditableRestActionImpl<Void>(
            jda,
            route.compile(
                Long.toUnsignedString(guildId),
                Long.toUnsignedString(userId),
                Long.toUnsignedString(roleId)))
        .reason(reason)
        .submit();
  }

  static CompletableFuture<GuildMember> member(Guild guild, DiscordRequest.FetchMember fetch) {
    if (fetch.userId() == DiscordRequest.FetchMember.BOT) {
      return CompletableFuture.completedFuture(member(guild.getSelfMember()));
    }
    return guild.retrieveMemberById(fetch.userId()).submit().thenApply(RoleRequests::member);
  }

  /** A member object of Discord's REST answers (List Guild Members, Get Guild Member). */
  static GuildMember member(DataObject m, long ownerId) {
    DataObject user = m.getObject("user");
    List<Long> roles = new ArrayList<>();
    DataArray ids = m.getArray("roles");
    for (int r = 0; r < ids.length(); r++) {
      roles.add(Long.parseUnsignedLong(ids.getString(r)));
    }
    long id = user.getUnsignedLong("id");
    return new GuildMember(
        id, user.getString("username"), user.getBoolean("bot"), roles, id == ownerId);
  }

  /**
   * A role object of Discord's REST answers, as {@link #role(Role)} gives JDA's. The primary colour
   * is {@code colors.primary_color}; {@code color} is its older, deprecated copy.
   */
  static GuildRole role(DataObject r) {
    int color =
        r.optObject("colors")
            .map(c -> c.getInt("primary_color", 0))
            .orElseGet(() -> r.getInt("color", 0));
    return new GuildRole(
        r.getUnsignedLong("id"),
        r.getString("name"),
        r.getInt("position"),
        r.getBoolean("managed"),
        Long.parseUnsignedLong(r.getString("permissions", "0")),
        color & 0xFFFFFF);
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
  static CompletableFuture<List<GuildMember>> withRole(
      JDA jda, long guildId, long roleId, long ownerId) {
    List<GuildMember> found = new ArrayList<>();
    return page(jda, guildId, roleId, ownerId, 0, found).thenApply(done -> found);
  }

  private static CompletableFuture<Void> page(
      JDA jda, long guildId, long roleId, long ownerId, long after, List<GuildMember> found) {
    Route.CompiledRoute route =
        LIST_MEMBERS
            .compile(Long.toUnsignedString(guildId))
            .withQueryParams(
                "limit", Integer.toString(MEMBER_PAGE), "after", Long.toUnsignedString(after));
    return new RestActionImpl<DataArray>(jda, route, (response, request) -> response.getArray())
        .submit()
        .thenCompose(
            members -> {
              long last = after;
              for (int i = 0; i < members.length(); i++) {
                GuildMember member = member(members.getObject(i), ownerId);
                last = Math.max(last, member.userId());
                if (member.roleIds().contains(roleId)) {
                  found.add(member);
                }
              }
              if (members.length() < MEMBER_PAGE) {
                return CompletableFuture.completedFuture(null);
              }
              return page(jda, guildId, roleId, ownerId, last, found);
            });
  }
}
