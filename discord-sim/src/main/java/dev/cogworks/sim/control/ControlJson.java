package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.state.SimState;

/**
 * The control API's own JSON views: the whole world, and messages with their history, mentions and
 * what they reply to.
 */
public final class ControlJson {
  private ControlJson() {}

  static ObjectNode world(SimState state) {
    ObjectNode json = Json.object();
    ArrayNode guilds = json.putArray("guilds");
    for (SimGuild guild : state.guilds.values()) {
      ObjectNode g = guilds.addObject();
      g.put("id", Long.toString(guild.id));
      g.put("name", guild.name);
      g.put("owner_id", Long.toString(guild.ownerId));
      ArrayNode channels = g.putArray("channels");
      guild.channels.values().forEach(c -> channels.add(Payloads.channel(c)));
      ArrayNode roles = g.putArray("roles");
      guild.roles.values().forEach(r -> roles.add(Payloads.role(r)));
      ArrayNode members = g.putArray("members");
      guild.members.values().forEach(m -> members.add(Payloads.member(m)));
      ArrayNode emojis = g.putArray("emojis");
      guild.emojis.values().forEach(e -> emojis.add(Payloads.emoji(e)));
    }
    ArrayNode users = json.putArray("users");
    state.users.values().forEach(u -> users.add(user(u)));
    ArrayNode bots = json.putArray("bots");
    state.botsByUserId.values().forEach(bot -> bots.add(botView(bot)));
    return json;
  }

  static ObjectNode user(SimUser user) {
    return Json.object()
        .put("id", Long.toString(user.id))
        .put("username", user.username)
        .put("bot", user.bot);
  }

  /** A bot as created: the only place its token is shown. */
  static ObjectNode bot(SimBot bot) {
    return botView(bot).put("token", bot.token);
  }

  /** A bot without its token: ids, the portal's privileged intents and the application flags. */
  static ObjectNode botView(SimBot bot) {
    ObjectNode json =
        Json.object()
            .put("id", Long.toString(bot.user.id))
            .put("username", bot.user.username)
            .put("application_id", Long.toString(bot.applicationId()));
    ArrayNode intents = json.putArray("privileged_intents");
    bot.privilegedIntents().forEach(intent -> intents.add(intent.name()));
    json.put("flags", bot.applicationFlags());
    return json;
  }

  public static ObjectNode message(SimMessage message) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(message.id));
    json.put("channel_id", Long.toString(message.channelId));
    json.put("guild_id", message.guildId == 0 ? null : Long.toString(message.guildId));
    json.set("author", user(message.author));
    json.put("content", message.content);
    json.set("embeds", message.embeds);
    json.set("components", message.components);
    json.put("flags", message.flags);
    json.put("timestamp", Json.timestamp(message.createdAt()));
    json.put("edited_timestamp", Json.timestamp(message.editedAt));
    json.put("deleted", message.deleted());
    json.put("deleted_timestamp", Json.timestamp(message.deletedAt));
    json.put("nonce", message.nonce);
    if (message.interactionMetadata != null) {
      json.set("interaction_metadata", message.interactionMetadata);
    }
    json.set("mentions", message.mentions);
    json.set("mention_roles", message.mentionRoles);
    json.put("mention_everyone", message.mentionEveryone);
    SimMessage referenced = message.referencedMessage;
    if (referenced != null) {
      json.set("message_reference", Payloads.messageReference(referenced));
      // Enough to show "replying to alice: …"; the whole message is in the channel's list.
      json.putObject("referenced_message")
          .put("id", Long.toString(referenced.id))
          .put("content", referenced.content)
          .put("deleted", referenced.deleted())
          .set("author", user(referenced.author));
    }
    ArrayNode edits = json.putArray("edits");
    for (SimMessage.Revision revision : message.history) {
      edits
          .addObject()
          .put("content", revision.content())
          .put("timestamp", Json.timestamp(revision.at()))
          .<ObjectNode>set("embeds", revision.embeds())
          .set("components", revision.components());
    }
    return json;
  }
}
