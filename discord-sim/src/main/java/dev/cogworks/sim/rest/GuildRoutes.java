package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimAuditEntry;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Guilds, their channels, emojis, roles and members, and member role changes. */
public final class GuildRoutes {
  private final SimState state;

  public GuildRoutes(SimState state) {
    this.state = state;
  }

  public void register(RestPipeline api) {
    String guild = "/guilds/{guild_id}";
    api.get(guild, Auth.BOT, this::guild);
    api.get(guild + "/channels", Auth.BOT, this::channels);
    api.get(guild + "/emojis", Auth.BOT, this::emojis);
    api.get(guild + "/emojis/{emoji_id}", Auth.BOT, this::emoji);
    api.get(guild + "/roles", Auth.BOT, this::roles);
    api.get(guild + "/roles/{role_id}", Auth.BOT, this::role);
    api.post(guild + "/roles", Auth.BOT, this::createRole);
    api.patch(guild + "/roles/{role_id}", Auth.BOT, this::editRole);
    api.delete(guild + "/roles/{role_id}", Auth.BOT, this::deleteRole);
    api.get(guild + "/members", Auth.BOT, this::members);
    api.get(guild + "/members/{user_id}", Auth.BOT, this::member);
    api.put(guild + "/members/{user_id}/roles/{role_id}", Auth.BOT, call -> changeRole(call, true));
    api.delete(
        guild + "/members/{user_id}/roles/{role_id}", Auth.BOT, call -> changeRole(call, false));
  }

  private SimGuild visibleGuild(RestCall call) {
    SimGuild guild = state.guild(call.pathId("guild_id"));
    Access.botMember(state, call.bot(), guild.id);
    return guild;
  }

  private JsonNode guild(RestCall call) {
    return state.write(
        () -> {
          SimGuild guild = visibleGuild(call);
          ObjectNode json = Payloads.guild(guild);
          if ("true".equals(call.query("with_counts"))) {
            json.put("approximate_member_count", guild.members.size());
            json.put("approximate_presence_count", 0);
          }
          return json;
        });
  }

  private JsonNode channels(RestCall call) {
    return state.write(
        () -> {
          ArrayNode result = Json.array();
          visibleGuild(call).channels.values().forEach(c -> result.add(Payloads.channel(c)));
          return result;
        });
  }

  private JsonNode emojis(RestCall call) {
    return state.write(
        () -> {
          ArrayNode result = Json.array();
          visibleGuild(call).emojis.values().forEach(e -> result.add(Payloads.emoji(e)));
          return result;
        });
  }

  private JsonNode emoji(RestCall call) {
    return state.write(
        () -> {
          SimEmoji emoji = visibleGuild(call).emojis.get(call.pathId("emoji_id"));
          if (emoji == null) {
            throw DiscordError.unknownEmoji();
          }
          return Payloads.emoji(emoji);
        });
  }

  private JsonNode roles(RestCall call) {
    return state.write(
        () -> {
          ArrayNode result = Json.array();
          visibleGuild(call).roles.values().forEach(r -> result.add(Payloads.role(r)));
          return result;
        });
  }

  private JsonNode role(RestCall call) {
    return state.write(
        () -> Payloads.role(state.role(visibleGuild(call).id, call.pathId("role_id"))));
  }

  private JsonNode createRole(RestCall call) {
    JsonNode body = call.body();
    return state.write(
        () -> {
          SimGuild guild = visibleGuild(call);
          Access.requireInGuild(state, call.bot(), guild.id, Permission.MANAGE_ROLES);
          if (guild.rolesFull()) {
            throw DiscordError.maxRoles();
          }
          long requested =
              body.hasNonNull("permissions")
                  ? Long.parseLong(body.get("permissions").asText())
                  : guild.everyone().permissions;
          long botPermissions = Permissions.base(guild, guild.members.get(call.bot().user.id));
          if (!Permission.has(botPermissions, requested)) {
            // A bot cannot grant a permission it does not have itself.
            throw DiscordError.missingPermissions();
          }
          SimRole role =
              new SimRole(
                  state.ids.next(), guild.id, body.path("name").asText("new role"), requested, 1);
          role.color = body.path("color").asInt(0);
          role.hoist = body.path("hoist").asBoolean(false);
          role.mentionable = body.path("mentionable").asBoolean(false);
          guild.roles.values().stream()
              .filter(r -> !r.isEveryone())
              .forEach(r -> r.position = r.position + 1);
          guild.roles.put(role.id, role);
          state.publish(new SimEvent.RoleCreated(role));
          return Payloads.role(role);
        });
  }

  private JsonNode editRole(RestCall call) {
    JsonNode body = call.body();
    return state.write(
        () -> {
          SimGuild guild = visibleGuild(call);
          SimRole role = state.role(guild.id, call.pathId("role_id"));
          requireAbove(guild, call, role);
          if (body.hasNonNull("name")) {
            role.name = body.get("name").asText();
          }
          if (body.hasNonNull("permissions")) {
            role.permissions = Long.parseLong(body.get("permissions").asText());
          }
          if (body.has("color")) {
            role.color = body.path("color").asInt(0);
          }
          if (body.has("hoist")) {
            role.hoist = body.path("hoist").asBoolean();
          }
          if (body.has("mentionable")) {
            role.mentionable = body.path("mentionable").asBoolean();
          }
          state.publish(new SimEvent.RoleUpdated(role));
          return Payloads.role(role);
        });
  }

  private JsonNode deleteRole(RestCall call) {
    state.write(
        () -> {
          SimGuild guild = visibleGuild(call);
          SimRole role = state.role(guild.id, call.pathId("role_id"));
          if (role.isEveryone()) {
            throw new DiscordError(400, 50028, "Invalid Role");
          }
          requireAbove(guild, call, role);
          guild.roles.remove(role.id);
          guild.members.values().forEach(m -> m.roleIds.remove(role.id));
          state.publish(new SimEvent.RoleDeleted(guild.id, role.id));
        });
    return null;
  }

  private JsonNode members(RestCall call) {
    int limit = Math.max(1, Math.min(1000, parseInt(call.query("limit"), 1)));
    long after = call.query("after") == null ? 0 : Long.parseUnsignedLong(call.query("after"));
    return state.write(
        () -> {
          SimGuild guild = visibleGuild(call);
          // Discord answers List Guild Members only for apps with the portal's members switch on.
          if (!call.bot().hasPrivileged(PrivilegedIntent.GUILD_MEMBERS)) {
            throw DiscordError.missingAccess();
          }
          ArrayNode result = Json.array();
          guild.members.values().stream()
              .filter(m -> m.user.id > after)
              .limit(limit)
              .forEach(m -> result.add(Payloads.member(m)));
          return result;
        });
  }

  private JsonNode member(RestCall call) {
    return state.write(
        () -> Payloads.member(state.member(visibleGuild(call).id, call.pathId("user_id"))));
  }

  /**
   * Discord's hierarchy: the bot needs Manage Roles, and may only give or take roles strictly below
   * its own highest role; managed roles (bot and booster roles) and {@code @everyone} cannot be
   * given or taken at all. A change is written to the audit log with the request's {@code
   * X-Audit-Log-Reason}, and members hear GUILD_MEMBER_UPDATE; giving a role the member has (or
   * taking one they lack) changes nothing and answers 204 all the same.
   */
  private JsonNode changeRole(RestCall call, boolean add) {
    String reason = auditReason(call);
    state.write(
        () -> {
          SimGuild guild = visibleGuild(call);
          SimMember member = state.member(guild.id, call.pathId("user_id"));
          SimRole role = state.role(guild.id, call.pathId("role_id"));
          requireAbove(guild, call, role);
          if (role.managed || role.isEveryone()) {
            throw DiscordError.missingPermissions();
          }
          boolean changed = add ? member.roleIds.add(role.id) : member.roleIds.remove(role.id);
          if (changed) {
            guild.auditLog.add(
                new SimAuditEntry(
                    state.ids.next(),
                    SimAuditEntry.MEMBER_ROLE_UPDATE,
                    call.bot().user.id,
                    member.user.id,
                    add,
                    role.id,
                    role.name,
                    reason));
            state.publish(new SimEvent.MemberUpdated(member));
          }
        });
    return null;
  }

  /** Clients send the reason URL-encoded, as Discord asks, so that any text fits in a header. */
  private static String auditReason(RestCall call) {
    String raw = call.ctx().header("X-Audit-Log-Reason");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private void requireAbove(SimGuild guild, RestCall call, SimRole role) {
    SimMember bot = Access.botMember(state, call.bot(), guild.id);
    if (!Permission.has(Permissions.base(guild, bot), Permission.MANAGE_ROLES)
        || role.position >= Permissions.highestPosition(guild, bot)) {
      throw DiscordError.missingPermissions();
    }
  }

  private static int parseInt(String raw, int fallback) {
    try {
      return raw == null ? fallback : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
