package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.gateway.SessionStartLimits;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.SimState;
import java.util.function.Supplier;

/** What a bot asks at login: who it is, its application, and where the gateway is. */
public final class SessionRoutes {
  private final SimState state;
  private final SessionStartLimits startLimits;
  private final Supplier<String> gatewayUrl;

  public SessionRoutes(
      SimState state, SessionStartLimits startLimits, Supplier<String> gatewayUrl) {
    this.state = state;
    this.startLimits = startLimits;
    this.gatewayUrl = gatewayUrl;
  }

  public void register(RestPipeline api) {
    api.get("/users/@me", Auth.BOT, call -> Payloads.selfUser(call.bot().user));
    api.get(
        "/users/{user_id}", Auth.BOT, call -> Payloads.user(state.user(call.pathId("user_id"))));
    api.get("/gateway", Auth.BOT, call -> Json.object().put("url", gatewayUrl.get()));
    api.get("/gateway/bot", Auth.BOT, this::gatewayBot);
    api.delete("/users/@me/guilds/{guild_id}", Auth.BOT, this::leaveGuild);
    api.post("/users/@me/channels", Auth.BOT, this::openDirectMessage);
    api.get("/applications/@me", Auth.BOT, call -> application(call.bot()));
    api.get("/oauth2/applications/@me", Auth.BOT, call -> application(call.bot()));
  }

  /**
   * Discord's "Create DM": the DM channel with {@code recipient_id}, the same one each time. No
   * CHANNEL_CREATE goes out, as Discord sends none for DMs to bots.
   */
  private JsonNode openDirectMessage(RestCall call) {
    JsonNode body = call.body();
    if (!body.hasNonNull("recipient_id")) {
      throw DiscordError.invalidForm(
          new FormErrors().add("recipient_id", "BASE_TYPE_REQUIRED", "This field is required"));
    }
    long recipientId;
    try {
      recipientId = Long.parseUnsignedLong(body.get("recipient_id").asText());
    } catch (NumberFormatException e) {
      throw DiscordError.invalidForm(
          new FormErrors()
              .add(
                  "recipient_id",
                  "NUMBER_TYPE_COERCE",
                  "Value \"" + body.get("recipient_id").asText() + "\" is not snowflake."));
    }
    return state.write(
        () -> {
          SimUser recipient = state.user(recipientId);
          if (recipient.bot) {
            // Bots cannot talk to each other privately.
            throw DiscordError.cannotSendToUser();
          }
          SimChannel channel = state.directMessageChannel(recipient, call.bot().user);
          return Payloads.directMessageChannel(channel, recipient);
        });
  }

  /** The bot leaves a guild: 204, and GUILD_DELETE on its gateway. */
  private JsonNode leaveGuild(RestCall call) {
    state.write(
        () -> {
          var guild = state.guild(call.pathId("guild_id"));
          if (!guild.members.containsKey(call.bot().user.id)) {
            throw new dev.cogworks.sim.errors.DiscordError(404, 10004, "Unknown Guild");
          }
          state.removeMember(guild, call.bot().user.id);
        });
    return null;
  }

  /**
   * Discord recommends one shard per 2,500 guilds; {@code session_start_limit} is what IDENTIFY has
   * spent of the application's daily budget.
   */
  private JsonNode gatewayBot(RestCall call) {
    long guilds =
        state.guilds.values().stream()
            .filter(g -> g.members.containsKey(call.bot().user.id))
            .count();
    ObjectNode json = Json.object();
    json.put("url", gatewayUrl.get());
    json.put("shards", Math.max(1, (int) Math.ceil(guilds / 2500.0)));
    SessionStartLimits.Snapshot limit = startLimits.snapshot(call.bot().applicationId());
    json.putObject("session_start_limit")
        .put("total", limit.total())
        .put("remaining", limit.remaining())
        .put("reset_after", limit.resetAfterMillis())
        .put("max_concurrency", limit.maxConcurrency());
    return json;
  }

  private static JsonNode application(SimBot bot) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(bot.applicationId()));
    json.put("name", bot.user.username);
    json.putNull("icon");
    json.put("description", "");
    json.putArray("rpc_origins");
    json.put("bot_public", true);
    json.put("bot_require_code_grant", false);
    json.set("bot", Payloads.user(bot.user));
    json.putNull("terms_of_service_url");
    json.putNull("privacy_policy_url");
    json.set("owner", Payloads.user(bot.user));
    json.put("verify_key", "0".repeat(64));
    json.putNull("team");
    json.put("flags", bot.applicationFlags());
    json.putArray("tags");
    json.putNull("custom_install_url");
    json.put("approximate_guild_count", 0);
    return json;
  }
}
