package dev.cogworks.core.internal.relay;

import static dev.cogworks.core.internal.relay.Wire.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.SentMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * A success's {@code data}, per action, in the seed's names: {@code message_id}/{@code created_at}
 * for a send, {@code messages}/{@code has_more}/{@code next_message_id} for history, {@code
 * emojis}, {@code updated_count}/{@code failed_count}/{@code failures} for a batch.
 */
final class WireData {
  private WireData() {}

  static ObjectNode encode(DiscordRequest<?> request, Object result, Instant answeredAt) {
    ObjectNode d = Wire.object();
    switch (request.action()) {
      case "send_message" -> {
        SentMessage sent = (SentMessage) result;
        d.put("message_id", Long.toString(sent.id()));
        d.put("channel_id", Long.toString(request.routeKey()));
        // Discord derives it from the id, as we do; it is the message's own creation time.
        d.put("created_at", TimeUtil.getTimeCreated(sent.id()).toInstant().toString());
        ArrayNode ids = d.putArray("message_ids");
        sent.ids().forEach(id -> ids.add(Long.toString(id)));
      }
      case "edit_message" -> {
        d.put("message_id", Long.toString(((DiscordRequest.EditMessage) request).messageId()));
        d.put("updated_at", answeredAt.toString());
      }
      case "delete_message" -> d.put("deleted", true);
      case "fetch_channel_history" -> {
        @SuppressWarnings("unchecked")
        List<HistoryMessage> messages = (List<HistoryMessage>) result;
        ArrayNode array = d.putArray("messages");
        for (HistoryMessage m : messages) {
          ObjectNode o = array.addObject();
          o.put("id", Long.toString(m.id()));
          o.put("author_id", Long.toString(m.authorId()));
          o.put("content", m.content());
          o.put("created_at", m.createdAt().toString());
          o.set("embeds", WireEmbeds.encode(m.embeds()));
          ArrayNode attachments = o.putArray("attachments");
          m.attachmentUrls().forEach(url -> attachments.addObject().put("url", url));
        }
        // Oldest first: the next page starts after the newest message returned.
        // A full page may have more after it; a short one is the end of the channel.
        d.put("has_more", messages.size() >= ((DiscordRequest.FetchHistory) request).limit());
        if (!messages.isEmpty()) {
          d.put("next_message_id", Long.toString(messages.get(messages.size() - 1).id()));
        } else {
          d.putNull("next_message_id");
        }
      }
      case "fetch_guild_emojis" -> {
        @SuppressWarnings("unchecked")
        List<GuildEmoji> emojis = (List<GuildEmoji>) result;
        ArrayNode array = d.putArray("emojis");
        emojis.forEach(
            e ->
                array
                    .addObject()
                    .put("id", Long.toString(e.id()))
                    .put("name", e.name())
                    .put("animated", e.animated())
                    .put("url", e.url()));
      }
      case "batch_update_messages" -> {
        BatchResult batch = (BatchResult) result;
        d.put("updated_count", batch.updated());
        d.put("failed_count", batch.failed());
        ArrayNode failures = d.putArray("failures");
        batch.failures().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(
                f ->
                    failures
                        .addObject()
                        .put("message_id", Long.toString(f.getKey()))
                        .put("error", f.getValue()));
      }
      case "list_roles" -> {
        @SuppressWarnings("unchecked")
        List<GuildRole> roles = (List<GuildRole>) result;
        ArrayNode array = d.putArray("roles");
        roles.forEach(
            r ->
                array
                    .addObject()
                    .put("id", Long.toString(r.id()))
                    .put("name", r.name())
                    .put("position", r.position())
                    .put("managed", r.managed()));
      }
      case "add_role", "remove_role" -> d.put("updated", true);
      default -> throw new IllegalArgumentException("unknown action " + request.action());
    }
    return d;
  }

  static Object decode(String action, JsonNode d) {
    switch (action) {
      case "send_message":
        List<Long> ids = new ArrayList<>();
        d.path("message_ids").forEach(id -> ids.add(Long.parseLong(id.asText())));
        if (ids.isEmpty()) {
          ids.add(id(d, "message_id"));
        }
        return new SentMessage(ids);
      case "edit_message", "delete_message", "add_role", "remove_role":
        return null;
      case "fetch_channel_history":
        List<HistoryMessage> messages = new ArrayList<>();
        for (JsonNode m : d.path("messages")) {
          List<String> urls = new ArrayList<>();
          m.path("attachments").forEach(a -> urls.add(a.path("url").asText()));
          messages.add(
              new HistoryMessage(
                  id(m, "id"),
                  id(m, "author_id"),
                  m.path("content").asText(""),
                  Instant.parse(m.path("created_at").asText()),
                  WireEmbeds.decode(m.path("embeds")),
                  urls));
        }
        return messages;
      case "fetch_guild_emojis":
        List<GuildEmoji> emojis = new ArrayList<>();
        for (JsonNode e : d.path("emojis")) {
          emojis.add(
              new GuildEmoji(
                  id(e, "id"),
                  e.path("name").asText(),
                  e.path("animated").asBoolean(),
                  e.path("url").asText()));
        }
        return emojis;
      case "batch_update_messages":
        Map<Long, String> failures = new LinkedHashMap<>();
        for (JsonNode f : d.path("failures")) {
          failures.put(id(f, "message_id"), f.path("error").asText());
        }
        return new BatchResult(d.path("updated_count").asInt(), failures.size(), failures);
      case "list_roles":
        List<GuildRole> roles = new ArrayList<>();
        for (JsonNode r : d.path("roles")) {
          roles.add(
              new GuildRole(
                  id(r, "id"),
                  r.path("name").asText(),
                  r.path("position").asInt(),
                  r.path("managed").asBoolean()));
        }
        return roles;
      default:
        throw new IllegalArgumentException("unknown action " + action);
    }
  }
}
