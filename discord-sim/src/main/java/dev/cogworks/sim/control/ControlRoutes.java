package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimAuditEntry;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The HTTP control API under {@code /_sim}; each route maps JSON onto {@link SimControl}. */
public final class ControlRoutes {
  private final SimControl control;
  private final EventStream events;

  public ControlRoutes(SimControl control, EventStream events) {
    this.control = control;
    this.events = events;
  }

  public void register(Javalin app) {
    app.get("/_sim/state", json(ctx -> control.stateJson()));
    app.post(
        "/_sim/users",
        json(ctx -> ControlJson.user(control.createUser(body(ctx).path("username").asText(null)))));
    app.post("/_sim/users/{user_id}/channels", json(this::openDirectMessage));
    app.post("/_sim/users/{user_id}/dm", json(this::postDirectMessage));
    app.post("/_sim/guilds", json(this::createGuild));
    app.post("/_sim/guilds/{guild_id}/channels", json(this::createChannel));
    app.patch("/_sim/guilds/{guild_id}", json(this::editGuild));
    app.post("/_sim/guilds/{guild_id}/members", json(this::addMember));
    app.delete(
        "/_sim/guilds/{guild_id}/members/{user_id}",
        json(
            ctx -> {
              control.removeMember(id(ctx, "guild_id"), id(ctx, "user_id"));
              return Json.object().put("removed", true);
            }));
    app.post("/_sim/guilds/{guild_id}/bots", json(this::inviteBot));
    app.post("/_sim/guilds/{guild_id}/roles", json(this::createRole));
    app.patch("/_sim/guilds/{guild_id}/roles", json(this::reorderRoles));
    app.get("/_sim/guilds/{guild_id}/audit-log", json(this::auditLog));
    app.delete("/_sim/guilds/{guild_id}/members/{user_id}/roles", json(this::removeRoles));
    app.post("/_sim/guilds/{guild_id}/emojis", json(this::createEmoji));
    app.get(
        "/_sim/guilds/{guild_id}/commands", json(ctx -> control.commandsJson(id(ctx, "guild_id"))));
    app.post("/_sim/bots", json(this::createBot));
    app.patch("/_sim/bots/{bot_id}", json(this::updateBot));
    app.post("/_sim/channels/{channel_id}/messages", json(this::postMessage));
    app.get(
        "/_sim/channels/{channel_id}/messages",
        json(ctx -> control.messagesJson(id(ctx, "channel_id"))));
    app.patch("/_sim/channels/{channel_id}/messages/{message_id}", json(this::editMessage));
    app.delete("/_sim/channels/{channel_id}/messages/{message_id}", json(this::deleteMessage));
    app.delete(
        "/_sim/channels/{channel_id}",
        json(ctx -> Payloads.channel(control.deleteChannel(id(ctx, "channel_id")))));
    app.patch("/_sim/channels/{channel_id}", json(this::editChannel));
    app.get(
        "/_sim/channels/{channel_id}/commands",
        json(ctx -> control.channelCommandsJson(id(ctx, "channel_id"))));
    app.post("/_sim/interactions", json(this::runCommand));
    app.post("/_sim/autocomplete", json(this::autocomplete));
    app.post("/_sim/components", json(this::clickComponent));
    app.get("/_sim/stats", json(ctx -> control.stats().toJson(control.invalidRequests())));
    app.post(
        "/_sim/stats/reset",
        json(
            ctx -> {
              control.resetStats();
              return Json.object().put("reset", true);
            }));
    app.get("/_sim/faults", json(ctx -> Json.MAPPER.valueToTree(control.faults().list())));
    app.post("/_sim/faults", json(this::addFault));
    app.delete(
        "/_sim/faults",
        json(
            ctx -> {
              control.clearFaults();
              return Json.object().put("cleared", true);
            }));
    app.get(
        "/_sim/gateway/sessions",
        json(ctx -> Json.MAPPER.valueToTree(control.gateway().describeSessions())));
    app.get("/_sim/links", json(ctx -> links()));
    app.post(
        "/_sim/links",
        json(
            ctx -> {
              JsonNode body = body(ctx);
              control
                  .pageLinks()
                  .put(body.path("label").asText(null), body.path("url").asText(null));
              return links();
            }));
    app.delete(
        "/_sim/links",
        json(
            ctx -> {
              control.pageLinks().clear();
              return links();
            }));
    app.sse("/_sim/events", events::accept);
  }

  private JsonNode links() {
    return Json.MAPPER.valueToTree(control.pageLinks().list());
  }

  private JsonNode createGuild(Context ctx) {
    JsonNode body = body(ctx);
    return guildJson(
        control.createGuild(body.path("name").asText(null), Json.id(body, "owner_id")).id);
  }

  private JsonNode guildJson(long guildId) {
    for (JsonNode guild : control.stateJson().path("guilds")) {
      if (guild.path("id").asText().equals(Long.toString(guildId))) {
        return guild;
      }
    }
    throw new ControlException(404, "unknown guild " + guildId);
  }

  private JsonNode createChannel(Context ctx) {
    JsonNode body = body(ctx);
    return Payloads.channel(
        control.createChannel(
            id(ctx, "guild_id"),
            body.path("name").asText(null),
            body.path("type").asInt(SimChannel.GUILD_TEXT),
            overwrites(body.path("permission_overwrites"))));
  }

  private static List<PermissionOverwrite> overwrites(JsonNode list) {
    List<PermissionOverwrite> overwrites = new ArrayList<>();
    for (JsonNode o : list) {
      overwrites.add(
          new PermissionOverwrite(
              Long.parseUnsignedLong(o.path("id").asText()),
              o.path("type").asInt(PermissionOverwrite.ROLE),
              Long.parseLong(o.path("allow").asText("0")),
              Long.parseLong(o.path("deny").asText("0"))));
    }
    return overwrites;
  }

  /**
   * {@code {"permission_overwrites": [...]}} replaces the channel's overwrites, {@code {"nsfw":
   * true}} marks it NSFW; either or both, each a CHANNEL_UPDATE.
   */
  private JsonNode editChannel(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode overwrites = body.path("permission_overwrites");
    JsonNode nsfw = body.path("nsfw");
    if (!overwrites.isMissingNode() && !overwrites.isArray()) {
      throw new ControlException("permission_overwrites must be an array");
    }
    if (!nsfw.isMissingNode() && !nsfw.isBoolean()) {
      throw new ControlException("nsfw must be true or false");
    }
    if (overwrites.isMissingNode() && nsfw.isMissingNode()) {
      throw new ControlException(
          "permission_overwrites (an array) or nsfw (a boolean) is required");
    }
    long channelId = id(ctx, "channel_id");
    SimChannel channel = null;
    if (overwrites.isArray()) {
      channel = control.setPermissionOverwrites(channelId, overwrites(overwrites));
    }
    if (nsfw.isBoolean()) {
      channel = control.setNsfw(channelId, nsfw.asBoolean());
    }
    return Payloads.channel(channel);
  }

  /** {@code {"system_channel_id": id or null}} sets or clears the guild's system channel. */
  private JsonNode editGuild(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode system = body.path("system_channel_id");
    if (system.isMissingNode()) {
      throw new ControlException("system_channel_id (a channel id or null) is required");
    }
    return Payloads.guild(
        control.setSystemChannel(
            id(ctx, "guild_id"), system.isNull() ? null : Long.parseUnsignedLong(system.asText())));
  }

  /** The DM channel between the user and {@code bot_id}, as the user sees it. */
  private JsonNode openDirectMessage(Context ctx) {
    long botId = required(body(ctx), "bot_id");
    var channel = control.openDirectMessage(id(ctx, "user_id"), botId);
    return Payloads.directMessageChannel(channel, channel.recipientFor(id(ctx, "user_id")));
  }

  private JsonNode postDirectMessage(Context ctx) {
    JsonNode body = body(ctx);
    return ControlJson.message(
        control.postDirectMessage(
            id(ctx, "user_id"), required(body, "bot_id"), body.path("content").asText(null)));
  }

  private JsonNode editMessage(Context ctx) {
    JsonNode body = body(ctx);
    return ControlJson.message(
        control.editMessage(
            messageIn(ctx), required(body, "user_id"), body.path("content").asText(null)));
  }

  private JsonNode deleteMessage(Context ctx) {
    String userId = ctx.queryParam("user_id");
    if (userId == null) {
      throw new ControlException("user_id (query parameter) is required");
    }
    control.deleteMessage(messageIn(ctx), Long.parseUnsignedLong(userId));
    return Json.object().put("deleted", true);
  }

  /** The path's message id, after checking the message is in the path's channel. */
  private long messageIn(Context ctx) {
    long messageId = id(ctx, "message_id");
    long channelId = id(ctx, "channel_id");
    boolean there =
        control.messages(channelId).stream().anyMatch(m -> m.id == messageId && !m.deleted());
    if (!there) {
      throw new ControlException(404, "no message " + messageId + " in channel " + channelId);
    }
    return messageId;
  }

  /** Discord's shape, {@code [{"id": role, "position": n}, ...]}. */
  private JsonNode reorderRoles(Context ctx) {
    JsonNode body = body(ctx);
    if (!body.isArray()) {
      throw new ControlException("expected an array of {id, position}");
    }
    java.util.Map<Long, Integer> positions = new java.util.LinkedHashMap<>();
    for (JsonNode entry : body) {
      if (!entry.path("position").isInt()) {
        throw new ControlException("each entry needs an integer position");
      }
      positions.put(required(entry, "id"), entry.get("position").asInt());
    }
    ArrayNode moved = Json.array();
    control.reorderRoles(id(ctx, "guild_id"), positions).forEach(r -> moved.add(Payloads.role(r)));
    return moved;
  }

  private JsonNode addMember(Context ctx) {
    JsonNode body = body(ctx);
    Long userId = Json.id(body, "user_id");
    if (userId == null) {
      throw new ControlException("user_id is required");
    }
    List<Long> roles = new ArrayList<>();
    body.path("role_ids").forEach(r -> roles.add(Long.parseUnsignedLong(r.asText())));
    return Payloads.member(control.addMember(id(ctx, "guild_id"), userId, roles));
  }

  /** {@code {"bot_id": "...", "permissions": "..."}}: an existing bot joins the guild. */
  private JsonNode inviteBot(Context ctx) {
    JsonNode body = body(ctx);
    Long botId = Json.id(body, "bot_id");
    if (botId == null) {
      throw new ControlException("bot_id is required");
    }
    long permissions =
        body.has("permissions")
            ? Long.parseLong(body.get("permissions").asText())
            : SimControl.DEFAULT_BOT_PERMISSIONS;
    control.inviteBot(id(ctx, "guild_id"), botId, permissions);
    return Json.object().put("invited", true);
  }

  private JsonNode createRole(Context ctx) {
    JsonNode body = body(ctx);
    return Payloads.role(
        control.createRole(
            id(ctx, "guild_id"),
            body.path("name").asText(null),
            Long.parseLong(body.path("permissions").asText("0")),
            body.path("position").asInt(1),
            body.path("color").asInt(0),
            body.path("managed").asBoolean(false)));
  }

  /** Discord's audit log shape: {@code audit_log_entries} with {@code changes} of $add/$remove. */
  private JsonNode auditLog(Context ctx) {
    ObjectNode json = Json.object();
    ArrayNode entries = json.putArray("audit_log_entries");
    for (SimAuditEntry entry : control.auditLog(id(ctx, "guild_id"))) {
      ObjectNode e = entries.addObject();
      e.put("id", Long.toString(entry.id()));
      e.put("action_type", entry.actionType());
      e.put("user_id", Long.toString(entry.userId()));
      e.put("target_id", Long.toString(entry.targetId()));
      if (entry.reason() != null) {
        e.put("reason", entry.reason());
      }
      ObjectNode change = e.putArray("changes").addObject();
      change.put("key", entry.added() ? "$add" : "$remove");
      change
          .putArray("new_value")
          .addObject()
          .put("id", Long.toString(entry.roleId()))
          .put("name", entry.roleName());
    }
    return json;
  }

  private JsonNode removeRoles(Context ctx) {
    List<Long> roles = new ArrayList<>();
    body(ctx).path("role_ids").forEach(r -> roles.add(Long.parseUnsignedLong(r.asText())));
    return Payloads.member(control.removeRoles(id(ctx, "guild_id"), id(ctx, "user_id"), roles));
  }

  private JsonNode createEmoji(Context ctx) {
    JsonNode body = body(ctx);
    return Payloads.emoji(
        control.createEmoji(
            id(ctx, "guild_id"),
            body.path("name").asText(null),
            body.path("animated").asBoolean(false)));
  }

  private JsonNode createBot(Context ctx) {
    JsonNode body = body(ctx);
    List<Long> guilds = null;
    if (body.has("guild_ids")) {
      guilds = new ArrayList<>();
      for (JsonNode g : body.get("guild_ids")) {
        guilds.add(Long.parseUnsignedLong(g.asText()));
      }
    }
    long permissions =
        body.has("permissions")
            ? Long.parseLong(body.get("permissions").asText())
            : SimControl.DEFAULT_BOT_PERMISSIONS;
    Set<PrivilegedIntent> privileged =
        body.has("privileged_intents")
            ? privilegedIntents(body.get("privileged_intents"))
            : PrivilegedIntent.none();
    if (!body.has("privileged_intents")) {
      privileged.addAll(control.defaultPrivilegedIntents());
    }
    return ControlJson.bot(
        control.createBot(body.path("username").asText(null), guilds, permissions, privileged));
  }

  /** {@code {"privileged_intents": ["GUILD_MEMBERS", ...]}}: the application's portal switches. */
  private JsonNode updateBot(Context ctx) {
    JsonNode body = body(ctx);
    if (!body.has("privileged_intents")) {
      throw new ControlException("privileged_intents is required: an array of intent names");
    }
    return ControlJson.botView(
        control.setPrivilegedIntents(
            id(ctx, "bot_id"), privilegedIntents(body.get("privileged_intents"))));
  }

  private static Set<PrivilegedIntent> privilegedIntents(JsonNode names) {
    if (!names.isArray()) {
      throw new ControlException(
          "privileged_intents must be an array of GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT");
    }
    Set<PrivilegedIntent> intents = PrivilegedIntent.none();
    for (JsonNode name : names) {
      try {
        intents.add(PrivilegedIntent.named(name.asText()));
      } catch (IllegalArgumentException e) {
        throw new ControlException(e.getMessage());
      }
    }
    return intents;
  }

  private JsonNode postMessage(Context ctx) {
    JsonNode body = body(ctx);
    Long author = Json.id(body, "author_id");
    if (author == null) {
      throw new ControlException("author_id is required");
    }
    Instant at =
        body.hasNonNull("timestamp") ? Instant.parse(body.get("timestamp").asText()) : null;
    return ControlJson.message(
        control.postMessage(id(ctx, "channel_id"), author, body.path("content").asText(null), at));
  }

  /** {@code guild_id} is left out in a DM (and may be for a guild channel: the channel's). */
  private JsonNode runCommand(Context ctx) {
    JsonNode body = body(ctx);
    SimInteraction interaction =
        control.runCommandIn(
            Json.id(body, "guild_id"),
            required(body, "channel_id"),
            required(body, "user_id"),
            body.path("name").asText(""),
            body.get("options"));
    return interactionJson(interaction);
  }

  private JsonNode autocomplete(Context ctx) {
    JsonNode body = body(ctx);
    ArrayNode choices =
        control.autocomplete(
            Json.id(body, "guild_id"),
            required(body, "channel_id"),
            required(body, "user_id"),
            body.path("name").asText(""),
            body.get("options"),
            body.path("focused").asText(null));
    ObjectNode answer = Json.object();
    answer.set("choices", choices);
    return answer;
  }

  private JsonNode clickComponent(Context ctx) {
    JsonNode body = body(ctx);
    SimInteraction interaction =
        control.clickComponent(
            required(body, "message_id"),
            required(body, "user_id"),
            body.path("custom_id").asText(""),
            body.get("values"));
    return interactionJson(interaction);
  }

  private static JsonNode interactionJson(SimInteraction interaction) {
    return Json.object()
        .put("id", Long.toString(interaction.id))
        .put("token", interaction.token)
        .put("application_id", Long.toString(interaction.bot.applicationId()));
  }

  private JsonNode addFault(Context ctx) {
    JsonNode body = body(ctx);
    String route = body.hasNonNull("route") ? body.get("route").asText() : null;
    String type = body.path("type").asText("");
    int affected = 0;
    switch (type) {
      case "server_error" ->
          control
              .faults()
              .add(
                  new Fault.ServerError(
                      route,
                      body.path("status").asInt(500),
                      body.path("rate").asDouble(0),
                      body.has("count") ? body.get("count").asInt() : body.has("rate") ? 0 : 1));
      case "latency" ->
          control.faults().add(new Fault.Latency(route, body.path("millis").asLong(0)));
      case "rate_limit" ->
          control
              .faults()
              .add(
                  new Fault.ForcedRateLimit(
                      route,
                      scope(body.path("scope").asText("user")),
                      (long) (body.path("retry_after").asDouble(1.0) * 1000),
                      body.path("count").asInt(1)));
      case "gateway_drop" -> affected = control.gateway().dropConnections();
      case "gateway_stall" -> affected = control.gateway().stallConnections();
      case "gateway_reconnect" -> affected = control.gateway().requestReconnect();
      case "gateway_heartbeat_request" -> affected = control.gateway().requestHeartbeats();
      case "gateway_invalid_session" ->
          affected = control.gateway().invalidateSessions(body.path("resumable").asBoolean(false));
      default ->
          throw new ControlException(
              "type must be one of server_error, latency, rate_limit, gateway_drop, gateway_stall,"
                  + " gateway_reconnect, gateway_heartbeat_request, gateway_invalid_session; was '"
                  + type
                  + "'");
    }
    return Json.object().put("type", type).put("connections_affected", affected);
  }

  private static RateLimitDecision.Scope scope(String text) {
    try {
      return RateLimitDecision.Scope.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ControlException("scope must be user, global or shared; was '" + text + "'");
    }
  }

  private static long required(JsonNode body, String field) {
    Long value = Json.id(body, field);
    if (value == null) {
      throw new ControlException(field + " is required (a snowflake id)");
    }
    return value;
  }

  private static long id(Context ctx, String param) {
    try {
      return Long.parseUnsignedLong(ctx.pathParam(param));
    } catch (NumberFormatException e) {
      throw new ControlException(404, param + " is not an id: " + ctx.pathParam(param));
    }
  }

  private static JsonNode body(Context ctx) {
    try {
      return Json.parse(ctx.body());
    } catch (IllegalArgumentException e) {
      throw new ControlException(e.getMessage());
    }
  }

  /** A control handler returning JSON; control and Discord errors become JSON answers. */
  private interface JsonHandler {
    JsonNode handle(Context ctx) throws Exception;
  }

  private static Handler json(JsonHandler handler) {
    return ctx -> {
      try {
        ctx.contentType("application/json").result(Json.write(handler.handle(ctx)));
      } catch (ControlException e) {
        ctx.status(e.status())
            .contentType("application/json")
            .result(Json.write(Json.object().put("message", e.getMessage())));
      } catch (DiscordError e) {
        ctx.status(e.status()).contentType("application/json").result(Json.write(e.body()));
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        ObjectNode error = Json.object().put("message", e.getMessage());
        ctx.status(400).contentType("application/json").result(Json.write(error));
      }
    };
  }
}
