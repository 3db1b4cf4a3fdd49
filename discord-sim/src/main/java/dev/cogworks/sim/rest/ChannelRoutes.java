package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.util.ArrayList;
import java.util.List;

/**
 * Discord's Modify Channel ({@code PATCH /channels/{channel.id}}) for guild text channels: name,
 * topic, nsfw, slowmode, position and permission overwrites. Needs Manage Channels; overwrites also
 * need Manage Roles and may only grant or deny what the bot has. Answers the channel and dispatches
 * CHANNEL_UPDATE. Renames and topic changes also count toward a sub-limit, enforced by {@link
 * RestPipeline} before this handler runs ({@link ChannelEditLimits}).
 */
public final class ChannelRoutes {
  private static final int MAX_NAME = 100;
  private static final int MAX_TOPIC = 1024;
  private static final int MAX_SLOWMODE = 21_600;

  private final SimState state;

  public ChannelRoutes(SimState state) {
    this.state = state;
  }

  public void register(RestPipeline api) {
    api.patch("/channels/{channel_id}", Auth.BOT, this::modify);
  }

  private JsonNode modify(RestCall call) {
    JsonNode body = call.body();
    // X-Audit-Log-Reason is accepted (the simulator keeps no audit log).
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          long granted = Access.inChannel(state, call.bot(), channel);
          Access.requireGuildChannel(channel);
          if (!Permission.has(granted, Permission.MANAGE_CHANNELS)) {
            throw DiscordError.missingPermissions();
          }
          validate(body);
          List<PermissionOverwrite> overwrites = null;
          if (body.hasNonNull("permission_overwrites")) {
            overwrites = overwrites(body.get("permission_overwrites"));
            requireMayWrite(channel, call, granted, overwrites);
          }
          apply(channel, body, overwrites);
          state.publish(new SimEvent.ChannelUpdated(channel));
          return Payloads.channel(channel);
        });
  }

  private static void validate(JsonNode body) {
    FormErrors errors = new FormErrors();
    if (body.has("name")) {
      JsonNode name = body.get("name");
      if (!name.isTextual()) {
        errors.add("name", "BASE_TYPE_REQUIRED", "This field is required");
      } else if (name.asText().isEmpty() || name.asText().length() > MAX_NAME) {
        errors.add(
            "name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + MAX_NAME + " in length.");
      }
    }
    JsonNode topic = body.path("topic");
    if (!topic.isMissingNode() && !topic.isNull()) {
      if (!topic.isTextual()) {
        errors.add("topic", "BASE_TYPE_STRING", "Could not interpret \"" + topic + "\" as string.");
      } else if (topic.asText().length() > MAX_TOPIC) {
        errors.maxLength("topic", MAX_TOPIC);
      }
    }
    JsonNode nsfw = body.path("nsfw");
    if (!nsfw.isMissingNode() && !nsfw.isNull() && !nsfw.isBoolean()) {
      errors.add("nsfw", "BASE_TYPE_BOOLEAN", "Must be either true or false.");
    }
    JsonNode slowmode = body.path("rate_limit_per_user");
    if (!slowmode.isMissingNode() && !slowmode.isNull()) {
      if (!slowmode.canConvertToInt() || !slowmode.isIntegralNumber()) {
        errors.add(
            "rate_limit_per_user",
            "NUMBER_TYPE_COERCE",
            "Value \"" + slowmode.asText() + "\" is not int.");
      } else if (slowmode.asInt() < 0) {
        errors.add(
            "rate_limit_per_user",
            "NUMBER_TYPE_MIN",
            "int value should be greater than or equal to 0.");
      } else if (slowmode.asInt() > MAX_SLOWMODE) {
        errors.add(
            "rate_limit_per_user",
            "NUMBER_TYPE_MAX",
            "int value should be less than or equal to " + MAX_SLOWMODE + ".");
      }
    }
    JsonNode position = body.path("position");
    if (!position.isMissingNode() && !position.isNull() && !position.isIntegralNumber()) {
      errors.add(
          "position", "NUMBER_TYPE_COERCE", "Value \"" + position.asText() + "\" is not int.");
    }
    JsonNode overwrites = body.path("permission_overwrites");
    if (!overwrites.isMissingNode() && !overwrites.isNull()) {
      validateOverwrites(overwrites, errors);
    }
    errors.throwIfAny();
  }

  private static void validateOverwrites(JsonNode overwrites, FormErrors errors) {
    if (!overwrites.isArray()) {
      errors.add(
          "permission_overwrites", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
      return;
    }
    for (int i = 0; i < overwrites.size(); i++) {
      JsonNode overwrite = overwrites.get(i);
      String at = "permission_overwrites." + i + ".";
      if (parseId(overwrite.path("id")) == null) {
        errors.add(
            at + "id",
            "NUMBER_TYPE_COERCE",
            "Value \"" + overwrite.path("id").asText() + "\" is not snowflake.");
      }
      int type = overwrite.path("type").asInt(-1);
      if (type != PermissionOverwrite.ROLE && type != PermissionOverwrite.MEMBER) {
        errors.add(at + "type", "BASE_TYPE_CHOICES", "Value must be one of {0, 1}.");
      }
      for (String field : new String[] {"allow", "deny"}) {
        JsonNode bits = overwrite.path(field);
        if (!bits.isMissingNode() && !bits.isNull() && parseBits(bits) == null) {
          errors.add(
              at + field, "NUMBER_TYPE_COERCE", "Value \"" + bits.asText() + "\" is not int.");
        }
      }
    }
  }

  private static List<PermissionOverwrite> overwrites(JsonNode list) {
    List<PermissionOverwrite> overwrites = new ArrayList<>();
    for (JsonNode o : list) {
      overwrites.add(
          new PermissionOverwrite(
              parseId(o.get("id")),
              o.get("type").asInt(),
              bitsOrZero(o.path("allow")),
              bitsOrZero(o.path("deny"))));
    }
    return overwrites;
  }

  /**
   * Discord: "If modifying permission overwrites, the MANAGE_ROLES permission is required. Only
   * permissions your bot has in the guild or parent channel can be allowed/denied (unless your bot
   * has a MANAGE_ROLES overwrite in the channel)."
   */
  private void requireMayWrite(
      SimChannel channel, RestCall call, long granted, List<PermissionOverwrite> overwrites) {
    if (!Permission.has(granted, Permission.MANAGE_ROLES)) {
      throw DiscordError.missingPermissions();
    }
    SimGuild guild = state.guild(channel.guildId);
    SimMember bot = guild.members.get(call.bot().user.id);
    long base = Permissions.base(guild, bot);
    if (base == Permission.ALL || hasManageRolesOverwrite(channel, bot)) {
      return;
    }
    for (PermissionOverwrite overwrite : overwrites) {
      if (((overwrite.allow() | overwrite.deny()) & ~base) != 0) {
        throw DiscordError.missingPermissions();
      }
    }
  }

  private static boolean hasManageRolesOverwrite(SimChannel channel, SimMember member) {
    return channel.overwrites.stream()
        .filter(o -> (o.allow() & Permission.MANAGE_ROLES) != 0)
        .anyMatch(
            o ->
                o.type() == PermissionOverwrite.MEMBER
                    ? o.id() == member.user.id
                    : member.roleIds.contains(o.id()));
  }

  private static void apply(
      SimChannel channel, JsonNode body, List<PermissionOverwrite> overwrites) {
    if (body.has("name")) {
      channel.name = body.get("name").asText();
    }
    if (body.has("topic")) {
      JsonNode topic = body.get("topic");
      channel.topic = topic.isNull() || topic.asText().isEmpty() ? null : topic.asText();
    }
    if (body.has("nsfw")) {
      channel.nsfw = body.get("nsfw").asBoolean(false);
    }
    if (body.has("rate_limit_per_user")) {
      channel.rateLimitPerUser = body.get("rate_limit_per_user").asInt(0);
    }
    if (body.hasNonNull("position")) {
      // Discord sorts equal positions by id; other channels keep theirs.
      channel.position = body.get("position").asInt();
    }
    if (body.has("permission_overwrites")) {
      channel.overwrites.clear();
      if (overwrites != null) {
        channel.overwrites.addAll(overwrites);
      }
    }
  }

  private static Long parseId(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(value.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseBits(JsonNode value) {
    try {
      return Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long bitsOrZero(JsonNode value) {
    Long bits = value.isMissingNode() || value.isNull() ? null : parseBits(value);
    return bits == null ? 0 : bits;
  }
}
