package dev.cogworks.sim.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.model.SimVoiceState;
import java.util.function.Predicate;

/**
 * Renders the model as Discord's v10 JSON objects, with every field JDA reads present (nullable
 * ones as explicit nulls), so JDA's entity builders never meet a missing key.
 */
public final class Payloads {
  private Payloads() {}

  public static ObjectNode user(SimUser user) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(user.id));
    json.put("username", user.username);
    json.put("discriminator", "0");
    json.put("global_name", user.bot ? null : user.username);
    json.putNull("avatar");
    json.put("bot", user.bot);
    json.put("system", false);
    json.put("public_flags", 0);
    json.put("flags", 0);
    json.putNull("banner");
    json.putNull("accent_color");
    json.putNull("avatar_decoration_data");
    json.putNull("primary_guild");
    return json;
  }

  /** The user object of READY and GET /users/@me, which adds account fields. */
  public static ObjectNode selfUser(SimUser user) {
    ObjectNode json = user(user);
    json.put("verified", true);
    json.put("mfa_enabled", false);
    json.putNull("email");
    json.put("locale", "en-US");
    json.put("premium_type", 0);
    return json;
  }

  public static ObjectNode member(SimMember member) {
    ObjectNode json = Json.object();
    json.set("user", user(member.user));
    json.put("nick", member.nick);
    json.putNull("avatar");
    json.putNull("banner");
    ArrayNode roles = json.putArray("roles");
    member.roleIds.forEach(id -> roles.add(Long.toString(id)));
    json.put("joined_at", Json.timestamp(member.joinedAt));
    json.putNull("premium_since");
    json.put("deaf", false);
    json.put("mute", false);
    json.put("pending", false);
    json.put("flags", 0);
    json.putNull("communication_disabled_until");
    json.putNull("avatar_decoration_data");
    return json;
  }

  /** A member as embedded in a message or an interaction: without the {@code user} key. */
  public static ObjectNode partialMember(SimMember member) {
    ObjectNode json = member(member);
    json.remove("user");
    return json;
  }

  public static ObjectNode role(SimRole role) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(role.id));
    json.put("name", role.name);
    json.put("color", role.color);
    json.putObject("colors")
        .put("primary_color", role.color)
        .putNull("secondary_color")
        .putNull("tertiary_color");
    json.put("hoist", role.hoist);
    json.putNull("icon");
    json.putNull("unicode_emoji");
    json.put("position", role.position);
    json.put("permissions", Long.toString(role.permissions));
    json.put("managed", role.managed);
    json.put("mentionable", role.mentionable);
    json.put("flags", 0);
    json.putObject("tags");
    return json;
  }

  /** A channel as a bot sees it; a DM's {@code recipients} is the person the bot talks to. */
  public static ObjectNode channel(SimChannel channel) {
    if (channel.isDm()) {
      SimUser person = channel.recipients.stream().filter(u -> !u.bot).findFirst().orElseThrow();
      return directMessageChannel(channel, person);
    }
    ObjectNode json = Json.object();
    json.put("id", Long.toString(channel.id));
    json.put("type", channel.type);
    json.put("guild_id", Long.toString(channel.guildId));
    json.put("name", channel.name);
    json.put("position", channel.position);
    ArrayNode overwrites = json.putArray("permission_overwrites");
    for (PermissionOverwrite overwrite : channel.overwrites) {
      overwrites
          .addObject()
          .put("id", Long.toString(overwrite.id()))
          .put("type", overwrite.type())
          .put("allow", Long.toString(overwrite.allow()))
          .put("deny", Long.toString(overwrite.deny()));
    }
    json.put("topic", channel.topic);
    json.put("nsfw", channel.nsfw);
    json.put(
        "last_message_id",
        channel.lastMessageId == 0 ? null : Long.toString(channel.lastMessageId));
    json.put("rate_limit_per_user", channel.rateLimitPerUser);
    json.putNull("parent_id");
    json.putNull("last_pin_timestamp");
    json.put("flags", 0);
    if (channel.isAudio()) {
      // Voice and stage channels have no topic; they have a bitrate, a user limit and a region
      // (null: automatic), as Discord's channel object lists them.
      json.remove("topic");
      json.put("bitrate", channel.bitrate);
      json.put("user_limit", channel.userLimit);
      json.putNull("rtc_region");
      if (!channel.isStage()) {
        json.put("video_quality_mode", 1);
      }
    }
    return json;
  }

  /**
   * A voice state as GUILD_CREATE lists it (without {@code guild_id} and {@code member}) and as
   * VOICE_STATE_UPDATE sends it (with both, see {@link #voiceStateUpdate}).
   */
  public static ObjectNode voiceState(SimVoiceState state) {
    ObjectNode json = Json.object();
    json.put("user_id", Long.toString(state.userId()));
    json.put("channel_id", state.channelId() == 0 ? null : Long.toString(state.channelId()));
    json.put("session_id", state.sessionId());
    json.put("deaf", false);
    json.put("mute", false);
    json.put("self_deaf", state.selfDeaf());
    json.put("self_mute", state.selfMute());
    json.put("self_video", false);
    json.put("suppress", state.suppress());
    json.put(
        "request_to_speak_timestamp",
        state.requestToSpeak() == null ? null : Json.timestamp(state.requestToSpeak()));
    return json;
  }

  /** VOICE_STATE_UPDATE: the state with its guild and the member (JDA drops it without). */
  public static ObjectNode voiceStateUpdate(SimVoiceState state, SimMember member) {
    ObjectNode json = voiceState(state);
    json.put("guild_id", Long.toString(state.guildId()));
    json.set("member", member(member));
    return json;
  }

  /**
   * A DM channel as Discord's "Create DM" and "Get Channel" answer it: no guild, no name, and the
   * other side of the conversation in {@code recipients}.
   */
  public static ObjectNode directMessageChannel(SimChannel channel, SimUser otherSide) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(channel.id));
    json.put("type", SimChannel.DM);
    json.put(
        "last_message_id",
        channel.lastMessageId == 0 ? null : Long.toString(channel.lastMessageId));
    json.put("flags", 0);
    json.putArray("recipients").add(user(otherSide));
    json.putNull("last_pin_timestamp");
    return json;
  }

  public static ObjectNode emoji(SimEmoji emoji) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(emoji.id()));
    json.put("name", emoji.name());
    json.putArray("roles");
    json.put("require_colons", true);
    json.put("managed", false);
    json.put("animated", emoji.animated());
    json.put("available", true);
    return json;
  }

  /** The guild object of REST; GUILD_CREATE adds members, channels and more on top of it. */
  public static ObjectNode guild(SimGuild guild) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(guild.id));
    json.put("name", guild.name);
    json.putNull("icon");
    json.putNull("splash");
    json.putNull("discovery_splash");
    json.put("owner_id", Long.toString(guild.ownerId));
    json.putNull("afk_channel_id");
    json.put("afk_timeout", 300);
    json.put("verification_level", 0);
    json.put("default_message_notifications", 0);
    json.put("explicit_content_filter", 0);
    ArrayNode roles = json.putArray("roles");
    guild.roles.values().forEach(role -> roles.add(role(role)));
    ArrayNode emojis = json.putArray("emojis");
    guild.emojis.values().forEach(emoji -> emojis.add(emoji(emoji)));
    json.putArray("stickers");
    json.putArray("features");
    json.put("mfa_level", 0);
    json.putNull("application_id");
    if (guild.systemChannelId == null) {
      json.putNull("system_channel_id");
    } else {
      json.put("system_channel_id", Long.toString(guild.systemChannelId));
    }
    json.put("system_channel_flags", 0);
    json.putNull("rules_channel_id");
    json.put("max_members", 500000);
    json.putNull("vanity_url_code");
    json.putNull("description");
    json.putNull("banner");
    json.put("premium_tier", 0);
    json.put("premium_subscription_count", 0);
    json.put("preferred_locale", "en-US");
    json.putNull("public_updates_channel_id");
    json.putNull("safety_alerts_channel_id");
    json.put("nsfw_level", 0);
    json.put("premium_progress_bar_enabled", false);
    return json;
  }

  /**
   * GUILD_CREATE for one bot, with the members {@code listed} picks (which members Discord sends
   * depends on the session's intents and {@code large_threshold}: the gateway decides).
   */
  public static ObjectNode guildCreate(
      SimGuild guild, long botUserId, Predicate<SimMember> listed, boolean large) {
    ObjectNode json = guild(guild);
    SimMember self = guild.members.get(botUserId);
    json.put("joined_at", Json.timestamp(self == null ? null : self.joinedAt));
    json.put("large", large);
    json.put("unavailable", false);
    json.put("member_count", guild.members.size());
    ArrayNode members = json.putArray("members");
    for (SimMember member : guild.members.values()) {
      if (listed.test(member)) {
        members.add(member(member));
      }
    }
    ArrayNode channels = json.putArray("channels");
    guild.channels.values().forEach(channel -> channels.add(channelInGuild(channel)));
    json.putArray("threads");
    ArrayNode voiceStates = json.putArray("voice_states");
    guild.voiceStates.values().forEach(state -> voiceStates.add(voiceState(state)));
    json.putArray("presences");
    json.putArray("stage_instances");
    json.putArray("guild_scheduled_events");
    json.putArray("soundboard_sounds");
    return json;
  }

  private static ObjectNode channelInGuild(SimChannel channel) {
    ObjectNode json = channel(channel);
    json.remove("guild_id");
    return json;
  }

  /**
   * A message as REST answers it: with its content, and the message it replies to. {@code guild} is
   * null for a message in a DM.
   */
  public static ObjectNode message(SimMessage message, SimGuild guild) {
    return message(message, guild, m -> true);
  }

  /**
   * A message, and for a reply the message it replies to ({@code referenced_message}, null once
   * that is deleted). Without the MESSAGE_CONTENT intent, Discord blanks content, embeds,
   * attachments and components of messages that neither are the bot's nor mention it: {@code
   * showsContent} says which messages keep theirs.
   */
  public static ObjectNode message(
      SimMessage message, SimGuild guild, Predicate<SimMessage> showsContent) {
    ObjectNode json = messageOnly(message, guild, showsContent.test(message));
    SimMessage referenced = message.referencedMessage;
    if (referenced != null) {
      json.set(
          "referenced_message",
          referenced.deleted()
              ? Json.MAPPER.nullNode()
              : messageOnly(referenced, guild, showsContent.test(referenced)));
    }
    return json;
  }

  private static ObjectNode messageOnly(SimMessage message, SimGuild guild, boolean withContent) {
    // A DM has no guild: no guild_id and no member, as Discord sends it.
    SimMember authorMember = guild == null ? null : guild.members.get(message.author.id);
    ObjectNode json = Json.object();
    json.put("id", Long.toString(message.id));
    json.put("channel_id", Long.toString(message.channelId));
    if (guild != null) {
      json.put("guild_id", Long.toString(message.guildId));
    }
    json.set("author", user(message.author));
    if (authorMember != null && message.webhookId == null) {
      json.set("member", partialMember(authorMember));
    }
    json.put("content", withContent ? message.content : "");
    json.put("timestamp", Json.timestamp(message.createdAt()));
    json.put("edited_timestamp", Json.timestamp(message.editedAt));
    json.put("tts", false);
    json.put("mention_everyone", message.mentionEveryone);
    json.set("mentions", message.mentions == null ? Json.array() : message.mentions.deepCopy());
    json.set(
        "mention_roles",
        message.mentionRoles == null ? Json.array() : message.mentionRoles.deepCopy());
    json.putArray("attachments");
    json.set("embeds", withContent && message.embeds != null ? message.embeds : Json.array());
    json.set(
        "components",
        withContent && message.components != null ? message.components : Json.array());
    json.put("pinned", false);
    json.put("type", type(message));
    json.put("flags", message.flags);
    if (message.nonce != null) {
      json.put("nonce", message.nonce);
    }
    if (message.webhookId != null) {
      json.put("webhook_id", Long.toString(message.webhookId));
    }
    if (message.applicationId != null) {
      json.put("application_id", Long.toString(message.applicationId));
    }
    if (message.interactionMetadata != null) {
      json.set("interaction_metadata", message.interactionMetadata);
    }
    if (message.referencedMessage != null) {
      json.set("message_reference", messageReference(message.referencedMessage));
    }
    return json;
  }

  /** Discord's message types: 0 DEFAULT, 19 REPLY, 20 CHAT_INPUT_COMMAND. */
  private static int type(SimMessage message) {
    if (message.interactionMetadata != null) {
      return 20;
    }
    return message.referencedMessage != null ? 19 : 0;
  }

  /** A reply's {@code message_reference}: type 0 (DEFAULT) and where the replied message is. */
  public static ObjectNode messageReference(SimMessage referenced) {
    ObjectNode json = Json.object();
    json.put("type", 0);
    json.put("message_id", Long.toString(referenced.id));
    json.put("channel_id", Long.toString(referenced.channelId));
    if (referenced.guildId != 0) {
      json.put("guild_id", Long.toString(referenced.guildId));
    }
    return json;
  }
}
