package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.util.regex.Pattern;

/**
 * Emoji writes: create (Create Expressions), rename and delete (Manage Expressions; Discord also
 * lets the creator of an emoji do so with Create Expressions, which is not simulated), each with
 * GUILD_EMOJIS_UPDATE. Discord limits these routes per guild with numbers of its own (see {@code
 * RateLimitPolicy}); a guild without boosts holds 50 static and 50 animated emojis (30008 past
 * that).
 */
public final class EmojiRoutes {
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_]{2,32}$");
  private static final Pattern IMAGE =
      Pattern.compile("^data:image/(png|jpeg|gif|webp|avif);base64,.+");
  private static final int SLOTS = 50;

  private final SimState state;

  public EmojiRoutes(SimState state) {
    this.state = state;
  }

  public void register(RestPipeline api) {
    String emojis = "/guilds/{guild_id}/emojis";
    api.post(emojis, Auth.BOT, this::create);
    api.patch(emojis + "/{emoji_id}", Auth.BOT, this::rename);
    api.delete(emojis + "/{emoji_id}", Auth.BOT, this::delete);
  }

  private JsonNode create(RestCall call) {
    JsonNode body = call.body();
    FormErrors errors = new FormErrors();
    checkName(body, errors);
    String image = body.path("image").asText("");
    if (!IMAGE.matcher(image).matches()) {
      errors.add("image", "BINARY_TYPE_INVALID_IMAGE", "Invalid image data");
    }
    errors.throwIfAny();
    boolean animated = image.startsWith("data:image/gif");
    return state.write(
        () -> {
          SimGuild guild = guild(call, Permission.CREATE_GUILD_EXPRESSIONS);
          long sameKind =
              guild.emojis.values().stream().filter(e -> e.animated() == animated).count();
          if (sameKind >= SLOTS) {
            throw new DiscordError(400, 30008, "Maximum number of emojis reached (" + SLOTS + ")");
          }
          SimEmoji emoji =
              new SimEmoji(state.ids.next(), guild.id, body.path("name").asText(), animated);
          guild.emojis.put(emoji.id(), emoji);
          state.publish(new SimEvent.EmojisUpdated(guild));
          return Payloads.emoji(emoji);
        });
  }

  private JsonNode rename(RestCall call) {
    JsonNode body = call.body();
    FormErrors errors = new FormErrors();
    if (body.has("name")) {
      checkName(body, errors);
    }
    errors.throwIfAny();
    return state.write(
        () -> {
          SimGuild guild = guild(call);
          SimEmoji emoji = emoji(guild, call);
          if (body.has("name")) {
            emoji = new SimEmoji(emoji.id(), guild.id, body.get("name").asText(), emoji.animated());
            guild.emojis.put(emoji.id(), emoji);
            state.publish(new SimEvent.EmojisUpdated(guild));
          }
          return Payloads.emoji(emoji);
        });
  }

  private JsonNode delete(RestCall call) {
    state.write(
        () -> {
          SimGuild guild = guild(call);
          guild.emojis.remove(emoji(guild, call).id());
          state.publish(new SimEvent.EmojisUpdated(guild));
        });
    return null;
  }

  private SimGuild guild(RestCall call) {
    return guild(call, Permission.MANAGE_GUILD_EXPRESSIONS);
  }

  private SimGuild guild(RestCall call, long permission) {
    SimGuild guild = state.guild(call.pathId("guild_id"));
    Access.requireInGuild(state, call.bot(), guild.id, permission);
    return guild;
  }

  private static SimEmoji emoji(SimGuild guild, RestCall call) {
    SimEmoji emoji = guild.emojis.get(call.pathId("emoji_id"));
    if (emoji == null) {
      throw DiscordError.unknownEmoji();
    }
    return emoji;
  }

  private static void checkName(JsonNode body, FormErrors errors) {
    if (!NAME.matcher(body.path("name").asText("")).matches()) {
      errors.add("name", "STRING_TYPE_REGEX", "String value did not match validation regex.");
    }
  }
}
