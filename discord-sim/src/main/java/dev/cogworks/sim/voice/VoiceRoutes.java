package dev.cogworks.sim.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimVoiceState;
import dev.cogworks.sim.state.SimState;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * The control API's voice routes: move users in and out of voice, stage speaker requests, what the
 * voice server heard ({@code GET /_sim/voice}), its certificate, its settings and faults, and the
 * chat page's "Listen" stream ({@link VoiceListen}).
 */
public final class VoiceRoutes {
  private final SimState state;
  private final VoiceServer server;
  private final VoiceStates voiceStates;

  public VoiceRoutes(SimState state, VoiceServer server, VoiceStates voiceStates) {
    this.state = state;
    this.server = server;
    this.voiceStates = voiceStates;
  }

  public void register(Javalin app) {
    app.post("/_sim/guilds/{guild_id}/voice-states", json(this::moveUser));
    app.get("/_sim/voice", json(ctx -> overview()));
    app.get(
        "/_sim/voice/certificate",
        ctx -> ctx.contentType("application/x-pem-file").result(server.certificatePem()));
    app.get("/_sim/voice/settings", json(ctx -> settings()));
    app.patch("/_sim/voice/settings", json(this::changeSettings));
    app.post("/_sim/voice/faults", json(this::fault));
    app.ws(VoiceListen.PATH, new VoiceListen(server)::configure);
  }

  /**
   * {@code {"user_id": "…", "channel_id": "…" | null}}; for a stage also {@code "suppress"} and
   * {@code "request_to_speak"} (booleans) for the user already in it.
   */
  private JsonNode moveUser(Context ctx) {
    long guildId = id(ctx.pathParam("guild_id"), "guild_id");
    JsonNode body = body(ctx);
    long userId = id(body.path("user_id").asText(), "user_id");
    SimVoiceState result;
    if (body.has("suppress")) {
      result = voiceStates.setSuppressed(guildId, userId, body.path("suppress").asBoolean());
    } else if (body.has("request_to_speak")) {
      result =
          voiceStates.requestToSpeak(guildId, userId, body.path("request_to_speak").asBoolean());
    } else {
      JsonNode channel = body.path("channel_id");
      if (channel.isMissingNode()) {
        throw new IllegalArgumentException("channel_id is required (null to leave voice)");
      }
      Long channelId = channel.isNull() ? null : id(channel.asText(), "channel_id");
      result = voiceStates.move(guildId, userId, channelId);
    }
    return result == null
        ? Json.object().put("user_id", Long.toString(userId)).putNull("channel_id")
        : Payloads.voiceState(result);
  }

  /** Per guild: who is in which voice channel and every voice connection the server remembers. */
  private JsonNode overview() {
    ObjectNode json = Json.object();
    ArrayNode guilds = json.putArray("guilds");
    for (SimGuild guild : state.guilds.values()) {
      List<VoiceStats> connections = server.stats(guild.id);
      if (guild.voiceStates.isEmpty() && connections.isEmpty()) {
        continue;
      }
      ObjectNode entry = guilds.addObject().put("guild_id", Long.toString(guild.id));
      ArrayNode states = entry.putArray("voice_states");
      for (SimVoiceState voice : guild.voiceStates.values()) {
        ObjectNode rendered = Payloads.voiceState(voice);
        var member = guild.members.get(voice.userId());
        rendered.put("username", member == null ? null : member.user.username);
        rendered.put("bot", member != null && member.user.bot);
        states.add(rendered);
      }
      ArrayNode streams = entry.putArray("connections");
      connections.forEach(s -> streams.add(s.toJson()));
    }
    json.set("udp", server.udpCounters());
    ArrayNode codes = json.putArray("close_codes_sent");
    server.closeCodesSent().forEach(codes::add);
    return json;
  }

  private JsonNode settings() {
    VoiceSettings settings = server.settings();
    ObjectNode json = Json.object();
    json.put("require_dave", settings.requireDave());
    ArrayNode modes = json.putArray("modes");
    settings.modes().forEach(modes::add);
    json.put("decode_one_in", settings.decodeOneIn());
    json.put("heartbeat_interval", settings.heartbeatInterval().toMillis());
    return json;
  }

  private JsonNode changeSettings(Context ctx) {
    JsonNode body = body(ctx);
    VoiceSettings settings = server.settings();
    if (body.has("require_dave")) {
      settings.requireDave(body.path("require_dave").asBoolean());
    }
    if (body.has("modes")) {
      List<String> modes = new ArrayList<>();
      body.path("modes").forEach(m -> modes.add(m.asText()));
      settings.modes(modes);
    }
    if (body.has("decode_one_in")) {
      settings.decodeOneIn(body.path("decode_one_in").asInt());
    }
    return settings();
  }

  /**
   * {@code {"fault": "crash" | "crash_forget_session" | "disconnect" | "server_change", "guild_id",
   * "user_id"}}: the voice server closes the user's connection with 4015 (resumable), 4015 having
   * forgotten the session (the resume fails with 4006), or 4014; or the bot is sent to another
   * voice server (a new VOICE_SERVER_UPDATE).
   */
  private JsonNode fault(Context ctx) {
    JsonNode body = body(ctx);
    long guildId = id(body.path("guild_id").asText(), "guild_id");
    long userId = id(body.path("user_id").asText(), "user_id");
    String fault = body.path("fault").asText();
    int closed =
        switch (fault) {
          case "crash" -> server.crash(guildId, userId, false);
          case "crash_forget_session" -> server.crash(guildId, userId, true);
          case "disconnect" -> server.disconnect(guildId, userId, 4014, "Disconnected");
          case "close" ->
              server.closeWith(
                  guildId,
                  userId,
                  body.path("code").asInt(4015),
                  body.path("reason").asText("discord-sim"));
          case "server_change" -> {
            voiceStates.changeVoiceServer(guildId, userId);
            yield 0;
          }
          default ->
              throw new IllegalArgumentException(
                  "fault must be crash, crash_forget_session, disconnect, close or server_change,"
                      + " was "
                      + fault);
        };
    return Json.object().put("closed", closed);
  }

  private static long id(String text, String name) {
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not an id: " + text);
    }
  }

  private static JsonNode body(Context ctx) {
    try {
      return Json.parse(ctx.body());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private interface JsonHandler {
    JsonNode handle(Context ctx);
  }

  private static Handler json(JsonHandler handler) {
    return ctx -> {
      try {
        ctx.contentType("application/json").result(Json.write(handler.handle(ctx)));
      } catch (DiscordError e) {
        ctx.status(e.status()).contentType("application/json").result(Json.write(e.body()));
      } catch (IllegalArgumentException e) {
        ctx.status(400)
            .contentType("application/json")
            .result(Json.write(Json.object().put("message", e.getMessage())));
      }
    };
  }
}
