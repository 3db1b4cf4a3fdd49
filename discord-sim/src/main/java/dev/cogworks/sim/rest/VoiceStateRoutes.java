package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimVoiceState;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimState;
import dev.cogworks.sim.voice.VoiceStates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Voice state REST routes: Get (Current) User Voice State, and the stage's Modify Current User
 * Voice State (raise or lower one's hand, step down or, with Mute Members, up) and Modify User
 * Voice State (a moderator invites a member to speak or moves them to the audience). Discord's
 * rules: the member must be in {@code channel_id}, a stage; answers 204.
 */
public final class VoiceStateRoutes {
  private final SimState state;
  private final VoiceStates voiceStates;

  public VoiceStateRoutes(SimState state, VoiceStates voiceStates) {
    this.state = state;
    this.voiceStates = voiceStates;
  }

  public void register(RestPipeline api) {
    String path = "/guilds/{guild_id}/voice-states";
    api.get(path + "/@me", Auth.BOT, call -> get(call, call.bot().user.id));
    api.get(path + "/{user_id}", Auth.BOT, call -> get(call, call.pathId("user_id")));
    api.patch(path + "/@me", Auth.BOT, this::modifyCurrent);
    api.patch(path + "/{user_id}", Auth.BOT, this::modifyOther);
  }

  private JsonNode get(RestCall call, long userId) {
    SimGuild guild = state.guild(call.pathId("guild_id"));
    Access.botMember(state, call.bot(), guild.id);
    SimVoiceState voice = guild.voiceStates.get(userId);
    SimMember member = guild.members.get(userId);
    if (voice == null || member == null) {
      throw DiscordError.unknownVoiceState();
    }
    return Payloads.voiceStateUpdate(voice, member);
  }

  private JsonNode modifyCurrent(RestCall call) {
    JsonNode body = call.body();
    long botId = call.bot().user.id;
    SimGuild guild = state.guild(call.pathId("guild_id"));
    SimMember self = Access.botMember(state, call.bot(), guild.id);
    SimVoiceState current = stageState(guild, botId, body);
    long granted = Permissions.inChannel(guild, self, guild.channels.get(current.channelId()));
    boolean suppress = body.path("suppress").asBoolean(current.suppress());
    if (!suppress && current.suppress() && !Permission.has(granted, Permission.MUTE_MEMBERS)) {
      throw DiscordError.missingPermissions();
    }
    Instant request = current.requestToSpeak();
    JsonNode asked = body.path("request_to_speak_timestamp");
    if (asked.isNull()) {
      request = null;
    } else if (asked.isTextual()) {
      if (!Permission.has(granted, Permission.REQUEST_TO_SPEAK)) {
        throw DiscordError.missingPermissions();
      }
      try {
        request = OffsetDateTime.parse(asked.asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw DiscordError.invalidForm(
            new FormErrors()
                .add(
                    "request_to_speak_timestamp",
                    "DATE_TIME_TYPE_PARSE",
                    "Could not parse " + asked.asText() + ". Should be ISO8601."));
      }
    }
    voiceStates.setStageState(guild.id, botId, suppress, request);
    return null;
  }

  private JsonNode modifyOther(RestCall call) {
    JsonNode body = call.body();
    SimGuild guild = state.guild(call.pathId("guild_id"));
    SimMember self = Access.botMember(state, call.bot(), guild.id);
    SimVoiceState current = stageState(guild, call.pathId("user_id"), body);
    long granted = Permissions.inChannel(guild, self, guild.channels.get(current.channelId()));
    if (!Permission.has(granted, Permission.MUTE_MEMBERS)) {
      throw DiscordError.missingPermissions();
    }
    boolean suppress = body.path("suppress").asBoolean(current.suppress());
    voiceStates.setStageState(
        guild.id, current.userId(), suppress, suppress ? current.requestToSpeak() : null);
    return null;
  }

  /** The member's state in the stage {@code channel_id} names; Discord's errors otherwise. */
  private static SimVoiceState stageState(SimGuild guild, long userId, JsonNode body) {
    SimVoiceState current = guild.voiceStates.get(userId);
    if (current == null) {
      throw DiscordError.unknownVoiceState();
    }
    SimChannel channel = guild.channels.get(current.channelId());
    if (channel == null
        || !channel.isStage()
        || !Long.toString(channel.id).equals(body.path("channel_id").asText())) {
      throw DiscordError.invalidChannelType();
    }
    return current;
  }
}
