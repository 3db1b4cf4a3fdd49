package dev.cogworks.core.internal.relay;

import static dev.cogworks.core.internal.relay.Wire.id;
import static dev.cogworks.core.internal.relay.Wire.optionalId;
import static dev.cogworks.core.internal.relay.Wire.optionalText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request's {@code params} in the seed's names ({@code channel_id}, {@code content}, {@code
 * embeds}, {@code after_message_id} ...), ids as strings. Optional fields are left out when unset.
 */
final class WireParams {
  static final Set<String> ACTIONS =
      Set.of(
          "send_message",
          "edit_message",
          "delete_message",
          "fetch_channel_history",
          "fetch_guild_emojis",
          "batch_update_messages",
          "list_roles",
          "add_role",
          "remove_role");

  private WireParams() {}

  static ObjectNode encode(DiscordRequest<?> request) {
    ObjectNode p = Wire.object();
    if (request instanceof DiscordRequest.SendMessage send) {
      SendOptions o = send.options();
      p.put("channel_id", Long.toString(send.channelId()));
      p.put("content", send.content());
      if (!o.embeds().isEmpty()) {
        p.set("embeds", WireEmbeds.encode(o.embeds()));
      }
      if (o.deleteAfter() != null) {
        // Seconds, as in the seed; the bot carries it out as its own delete_message request.
        long millis = o.deleteAfter().toMillis();
        if (millis % 1000 == 0) {
          p.put("delete_after", millis / 1000);
        } else {
          p.put("delete_after", java.math.BigDecimal.valueOf(millis).movePointLeft(3));
        }
      }
      p.set("allowed_mentions", mentions(o.allowedMentions()));
      if (o.nonce() != null) {
        p.put("nonce", o.nonce());
      }
      p.put("split_long_content", o.splitLongContent());
      priority(p, o.priority());
    } else if (request instanceof DiscordRequest.EditMessage edit) {
      p.put("channel_id", Long.toString(edit.channelId()));
      p.put("message_id", Long.toString(edit.messageId()));
      if (edit.content() != null) {
        p.put("content", edit.content());
      }
      if (edit.embeds() != null) {
        p.set("embeds", WireEmbeds.encode(edit.embeds()));
      }
      priority(p, edit.priority());
    } else if (request instanceof DiscordRequest.DeleteMessage delete) {
      p.put("channel_id", Long.toString(delete.channelId()));
      p.put("message_id", Long.toString(delete.messageId()));
      priority(p, delete.priority());
    } else if (request instanceof DiscordRequest.FetchHistory fetch) {
      p.put("channel_id", Long.toString(fetch.channelId()));
      p.put("limit", fetch.limit());
      if (fetch.afterMessageId() != null) {
        p.put("after_message_id", Long.toString(fetch.afterMessageId()));
      }
      if (fetch.before() != null) {
        p.put("before", fetch.before().toString());
      }
    } else if (request instanceof DiscordRequest.FetchEmojis fetch) {
      p.put("guild_id", Long.toString(fetch.guildId()));
    } else if (request instanceof DiscordRequest.BatchUpdateMessages batch) {
      p.put("channel_id", Long.toString(batch.channelId()));
      ArrayNode updates = p.putArray("updates");
      for (MessageUpdate update : batch.updates()) {
        updates
            .addObject()
            .put("message_id", Long.toString(update.messageId()))
            .put("content", update.content());
      }
    } else if (request instanceof DiscordRequest.ListRoles list) {
      p.put("guild_id", Long.toString(list.guildId()));
    } else if (request instanceof DiscordRequest.AddRole add) {
      member(p, add.guildId(), add.userId(), add.roleId());
    } else if (request instanceof DiscordRequest.RemoveRole remove) {
      member(p, remove.guildId(), remove.userId(), remove.roleId());
    } else {
      throw new IllegalArgumentException("no wire form for " + request.action());
    }
    return p;
  }

  static DiscordRequest<?> decode(String action, JsonNode p) {
    switch (action) {
      case "send_message":
        return new DiscordRequest.SendMessage(
            id(p, "channel_id"),
            p.path("content").asText(""),
            new SendOptions(
                embeds(p),
                priority(p),
                p.hasNonNull("delete_after")
                    ? Duration.ofMillis(Math.round(p.get("delete_after").asDouble() * 1000))
                    : null,
                mentions(p.path("allowed_mentions")),
                optionalText(p, "nonce"),
                p.path("split_long_content").asBoolean(true)));
      case "edit_message":
        return new DiscordRequest.EditMessage(
            id(p, "channel_id"),
            id(p, "message_id"),
            optionalText(p, "content"),
            p.has("embeds") || p.has("embed") ? embeds(p) : null,
            priority(p));
      case "delete_message":
        return new DiscordRequest.DeleteMessage(
            id(p, "channel_id"), id(p, "message_id"), priority(p));
      case "fetch_channel_history":
        String before = optionalText(p, "before");
        return new DiscordRequest.FetchHistory(
            id(p, "channel_id"),
            p.path("limit").asInt(100),
            optionalId(p, "after_message_id"),
            before == null ? null : Instant.parse(before));
      case "fetch_guild_emojis":
        return new DiscordRequest.FetchEmojis(id(p, "guild_id"));
      case "batch_update_messages":
        List<MessageUpdate> updates = new ArrayList<>();
        for (JsonNode u : p.path("updates")) {
          updates.add(new MessageUpdate(id(u, "message_id"), u.path("content").asText("")));
        }
        return new DiscordRequest.BatchUpdateMessages(id(p, "channel_id"), updates);
      case "list_roles":
        return new DiscordRequest.ListRoles(id(p, "guild_id"));
      case "add_role":
        return new DiscordRequest.AddRole(id(p, "guild_id"), id(p, "user_id"), id(p, "role_id"));
      case "remove_role":
        return new DiscordRequest.RemoveRole(id(p, "guild_id"), id(p, "user_id"), id(p, "role_id"));
      default:
        throw new IllegalArgumentException(
            "unknown action '" + action + "'; known: " + String.join(", ", ACTIONS));
    }
  }

  /** The seed's single {@code embed} is accepted too, as a list of one. */
  private static List<Embed> embeds(JsonNode p) {
    if (p.has("embeds")) {
      return WireEmbeds.decode(p.get("embeds"));
    }
    if (p.hasNonNull("embed")) {
      return WireEmbeds.decode(Wire.JSON.createArrayNode().add(p.get("embed")));
    }
    return List.of();
  }

  private static void priority(ObjectNode p, Priority priority) {
    p.put("priority", priority.name().toLowerCase(Locale.ROOT));
  }

  private static Priority priority(JsonNode p) {
    String value = optionalText(p, "priority");
    return value == null ? Priority.NORMAL : Priority.valueOf(value.toUpperCase(Locale.ROOT));
  }

  private static void member(ObjectNode p, long guildId, long userId, long roleId) {
    p.put("guild_id", Long.toString(guildId));
    p.put("user_id", Long.toString(userId));
    p.put("role_id", Long.toString(roleId));
  }

  /** Discord's own allowed_mentions shape: {@code parse} plus explicit {@code users}. */
  private static ObjectNode mentions(AllowedMentions allowed) {
    ObjectNode m = Wire.object();
    ArrayNode parse = m.putArray("parse");
    if (allowed.everyone()) {
      parse.add("everyone");
    }
    if (allowed.roles()) {
      parse.add("roles");
    }
    if (allowed.allUsers()) {
      parse.add("users");
    }
    ArrayNode users = m.putArray("users");
    allowed.users().stream().sorted().forEach(u -> users.add(Long.toString(u)));
    return m;
  }

  private static AllowedMentions mentions(JsonNode m) {
    if (m.isMissingNode() || m.isNull()) {
      return AllowedMentions.NONE;
    }
    Set<String> parse = new LinkedHashSet<>();
    m.path("parse").forEach(v -> parse.add(v.asText()));
    Set<Long> users = new LinkedHashSet<>();
    m.path("users").forEach(v -> users.add(Long.parseLong(v.asText())));
    return new AllowedMentions(
        parse.contains("everyone"), parse.contains("roles"), parse.contains("users"), users);
  }
}
