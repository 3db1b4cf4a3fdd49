package dev.cogworks.sim.voice;

import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimVoiceState;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Who is in which voice channel, and every way that changes: a bot's gateway op 4 (join, move,
 * leave), the control API moving a person or a bot, a stage's speaker requests. Each change is one
 * VOICE_STATE_UPDATE; a bot that joins or is moved also gets VOICE_SERVER_UPDATE with a fresh
 * ticket of the {@link VoiceServer}, and a bot disconnected from voice has its voice connection
 * closed with 4014, as Discord does.
 */
public final class VoiceStates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SimState state;
  private final VoiceServer server;
  private final Clock clock;

  public VoiceStates(SimState state, VoiceServer server, Clock clock) {
    this.state = state;
    this.server = server;
    this.clock = clock;
  }

  /** Users in a voice channel, for the voice server's CLIENTS_CONNECT. */
  public static List<Long> inChannel(SimState state, long guildId, long channelId) {
    SimGuild guild = state.guilds.get(guildId);
    if (guild == null) {
      return List.of();
    }
    return guild.voiceStates.values().stream()
        .filter(v -> v.channelId() == channelId)
        .map(SimVoiceState::userId)
        .toList();
  }

  /**
   * Gateway op 4 from a bot's session. Like Discord, a request the bot may not make (no CONNECT, a
   * full channel, not an audio channel) gets no answer at all: the client times out.
   */
  public void request(
      long botUserId,
      String gatewaySessionId,
      long guildId,
      Long channelId,
      boolean selfMute,
      boolean selfDeaf) {
    state.write(
        () -> {
          SimGuild guild = state.guilds.get(guildId);
          SimMember member = guild == null ? null : guild.members.get(botUserId);
          if (member == null) {
            return;
          }
          if (channelId == null) {
            leave(guild, member);
            return;
          }
          SimChannel channel = guild.channels.get(channelId);
          if (channel == null || !channel.isAudio() || !mayJoin(guild, member, channel)) {
            return;
          }
          SimVoiceState previous = guild.voiceStates.get(botUserId);
          boolean stage = channel.isStage();
          SimVoiceState joined =
              new SimVoiceState(
                  guildId,
                  botUserId,
                  channel.id,
                  gatewaySessionId,
                  selfMute,
                  selfDeaf,
                  stage,
                  null);
          put(guild, member, joined, previous);
          String token = server.issue(guildId, botUserId, channel.id, stage, gatewaySessionId);
          state.publish(
              new SimEvent.VoiceServerUpdated(guildId, gatewaySessionId, token, server.endpoint()));
        });
  }

  private static boolean mayJoin(SimGuild guild, SimMember member, SimChannel channel) {
    long granted = Permissions.inChannel(guild, member, channel);
    if (!Permission.has(granted, Permission.VIEW_CHANNEL | Permission.CONNECT)) {
      return false;
    }
    if (channel.userLimit == 0 || Permission.has(granted, Permission.MOVE_MEMBERS)) {
      return true;
    }
    long inside =
        guild.voiceStates.values().stream()
            .filter(v -> v.channelId() == channel.id && v.userId() != member.user.id)
            .count();
    return inside < channel.userLimit;
  }

  /**
   * The control API: a person joins a voice channel, moves, or leaves ({@code channelId} null); a
   * bot already in voice is moved (it then gets VOICE_SERVER_UPDATE for the new channel) or
   * disconnected (its voice connection closes with 4014), as a moderator's "Disconnect" does.
   */
  public SimVoiceState move(long guildId, long userId, Long channelId) {
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          SimMember member = state.member(guildId, userId);
          SimVoiceState previous = guild.voiceStates.get(userId);
          if (channelId == null) {
            if (previous == null) {
              return null;
            }
            leave(guild, member);
            if (member.user.bot) {
              server.disconnect(guildId, userId, 4014, "Disconnected");
            }
            return null;
          }
          SimChannel channel = guild.channels.get(channelId);
          if (channel == null || !channel.isAudio()) {
            throw new IllegalArgumentException(
                "channel " + channelId + " is not a voice or stage channel of the guild");
          }
          if (member.user.bot && previous == null) {
            // Discord moves only members already in voice (error 40032): a bot joins by op 4.
            throw new IllegalArgumentException(
                "a bot joins voice itself (gateway op 4); only a bot in voice can be moved");
          }
          String sessionId = previous != null ? previous.sessionId() : newSessionId();
          SimVoiceState moved =
              new SimVoiceState(
                  guildId,
                  userId,
                  channel.id,
                  sessionId,
                  previous != null && previous.selfMute(),
                  previous != null && previous.selfDeaf(),
                  channel.isStage(),
                  null);
          put(guild, member, moved, previous);
          if (member.user.bot) {
            String token = server.issue(guildId, userId, channel.id, channel.isStage(), sessionId);
            state.publish(
                new SimEvent.VoiceServerUpdated(guildId, sessionId, token, server.endpoint()));
          }
          return moved;
        });
  }

  /**
   * Discord moves a bot's voice connection to another voice server (a region change, a server going
   * away): a fresh VOICE_SERVER_UPDATE for the channel it is in. JDA then closes its voice
   * connection and opens one to the new server; the old session can no longer resume.
   */
  public void changeVoiceServer(long guildId, long userId) {
    state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          SimVoiceState current = guild.voiceStates.get(userId);
          SimMember member = guild.members.get(userId);
          if (current == null || member == null || !member.user.bot) {
            throw new IllegalArgumentException("user " + userId + " is not a bot in voice");
          }
          SimChannel channel = guild.channels.get(current.channelId());
          String token =
              server.issue(
                  guildId,
                  userId,
                  current.channelId(),
                  channel != null && channel.isStage(),
                  current.sessionId());
          state.publish(
              new SimEvent.VoiceServerUpdated(
                  guildId, current.sessionId(), token, server.endpoint()));
        });
  }

  /**
   * A stage: an audience member raises their hand ({@code request_to_speak_timestamp} set) or
   * lowers it (control API).
   */
  public SimVoiceState requestToSpeak(long guildId, long userId, boolean raise) {
    SimVoiceState current = inStage(guildId, userId);
    return setStageState(guildId, userId, current.suppress(), raise ? clock.instant() : null);
  }

  /**
   * A stage: a moderator invites a member to speak ({@code suppress} false, hand lowered) or moves
   * them back to the audience (control API).
   */
  public SimVoiceState setSuppressed(long guildId, long userId, boolean suppressed) {
    return setStageState(guildId, userId, suppressed, null);
  }

  /**
   * Sets a stage member's {@code suppress} and {@code request_to_speak_timestamp}:
   * VOICE_STATE_UPDATE. Who may do what is the caller's to check (REST checks Discord's rules).
   */
  public SimVoiceState setStageState(
      long guildId, long userId, boolean suppress, java.time.Instant requestToSpeak) {
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          SimVoiceState current = inStage(guildId, userId);
          SimVoiceState changed = current.withSuppress(suppress, requestToSpeak);
          put(guild, guild.members.get(userId), changed, current);
          return changed;
        });
  }

  /** The user's voice state in a stage channel of the guild. */
  public SimVoiceState inStage(long guildId, long userId) {
    SimGuild guild = state.guild(guildId);
    SimVoiceState current = guild.voiceStates.get(userId);
    SimChannel channel = current == null ? null : guild.channels.get(current.channelId());
    if (channel == null || !channel.isStage()) {
      throw new IllegalArgumentException("user " + userId + " is not in a stage channel");
    }
    return current;
  }

  private void put(SimGuild guild, SimMember member, SimVoiceState next, SimVoiceState previous) {
    guild.voiceStates.put(member.user.id, next);
    state.publish(new SimEvent.VoiceStateUpdated(next, member));
    if (previous == null || previous.channelId() != next.channelId()) {
      if (previous != null) {
        server.channelMembershipChanged(guild.id, previous.channelId(), member.user.id, false);
      }
      server.channelMembershipChanged(guild.id, next.channelId(), member.user.id, true);
    }
  }

  private void leave(SimGuild guild, SimMember member) {
    SimVoiceState previous = guild.voiceStates.remove(member.user.id);
    if (previous == null) {
      return;
    }
    SimVoiceState left =
        new SimVoiceState(
            guild.id,
            member.user.id,
            0,
            previous.sessionId(),
            previous.selfMute(),
            previous.selfDeaf(),
            false,
            null);
    state.publish(new SimEvent.VoiceStateUpdated(left, member));
    server.channelMembershipChanged(guild.id, previous.channelId(), member.user.id, false);
    server.revoke(guild.id, member.user.id);
  }

  /**
   * A voice or stage channel was deleted: everyone in it leaves voice, and connected bots are
   * closed with 4022 (call terminated), as Discord does. Call inside {@link SimState#write}.
   */
  public void channelDeleted(SimChannel channel) {
    SimGuild guild = state.guilds.get(channel.guildId);
    if (guild == null || !channel.isAudio()) {
      return;
    }
    for (SimVoiceState inside : List.copyOf(guild.voiceStates.values())) {
      if (inside.channelId() == channel.id) {
        SimMember member = guild.members.get(inside.userId());
        if (member != null) {
          leave(guild, member);
          server.disconnect(guild.id, inside.userId(), 4022, "Call terminated");
        }
      }
    }
  }

  private static String newSessionId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
