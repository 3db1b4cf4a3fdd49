package dev.cogworks.core.internal.relay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.core.internal.messaging.json.RequestJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * A success's {@code data}, per kind of request, in the seed's names: {@code message_id}/{@code
 * created_at} for a send, {@code messages}/{@code has_more}/{@code next_message_id} for history,
 * {@code emojis}, {@code updated_count}/{@code failed_count}/{@code failures} for a batch. One
 * visitor writes and one reads, so a new kind of request does not compile until both know it.
 */
final class WireResults {
  private static final TypeReference<List<Embed>> EMBEDS = new TypeReference<>() {};

  private WireResults() {}

  static ObjectNode encode(DiscordRequest<?> request, Object result, Instant answeredAt) {
    return request.accept(new Encoder(result, answeredAt));
  }

  static Object decode(DiscordRequest<?> request, JsonNode data) {
    return request.accept(new Decoder(data));
  }

  private static ObjectNode object() {
    return RequestJson.MAPPER.createObjectNode();
  }

  private static final class Encoder implements DiscordRequest.Visitor<ObjectNode> {
    private final Object result;
    private final Instant answeredAt;

    Encoder(Object result, Instant answeredAt) {
      this.result = result;
      this.answeredAt = answeredAt;
    }

    /** {@code channelId} null: a webhook's post, whose channel the request does not name. */
    private ObjectNode sent(Long channelId) {
      SentMessage sent = (SentMessage) result;
      ObjectNode d = object();
      d.put("message_id", Long.toString(sent.id()));
      if (channelId != null) {
        d.put("channel_id", Long.toString(channelId));
      }
      // Discord derives it from the id, as we do; it is the message's own creation time.
      d.put("created_at", TimeUtil.getTimeCreated(sent.id()).toInstant().toString());
      ArrayNode ids = d.putArray("message_ids");
      sent.ids().forEach(id -> ids.add(Long.toString(id)));
      return d;
    }

    private ObjectNode flag(String name) {
      ObjectNode d = object();
      d.put(name, true);
      return d;
    }

    @Override
    public ObjectNode sendMessage(DiscordRequest.SendMessage request) {
      return sent(request.channelId());
    }

    @Override
    public ObjectNode editMessage(DiscordRequest.EditMessage request) {
      ObjectNode d = object();
      d.put("message_id", Long.toString(request.messageId()));
      d.put("updated_at", answeredAt.toString());
      return d;
    }

    @Override
    public ObjectNode deleteMessage(DiscordRequest.DeleteMessage request) {
      return flag("deleted");
    }

    @Override
    public ObjectNode fetchChannelHistory(DiscordRequest.FetchChannelHistory request) {
      @SuppressWarnings("unchecked")
      List<HistoryMessage> messages = (List<HistoryMessage>) result;
      ObjectNode d = object();
      ArrayNode array = d.putArray("messages");
      for (HistoryMessage m : messages) {
        ObjectNode o = array.addObject();
        o.put("id", Long.toString(m.id()));
        o.put("author_id", Long.toString(m.authorId()));
        o.put("author_bot", m.authorBot());
        o.put("content", m.content());
        o.put("created_at", m.createdAt().toString());
        o.set("embeds", RequestJson.MAPPER.valueToTree(m.embeds()));
        ArrayNode attachments = o.putArray("attachments");
        m.attachmentUrls().forEach(url -> attachments.addObject().put("url", url));
      }
      // Oldest first: the next page starts after the newest message returned. A full page may
      // have more after it; a short one is the end of the channel.
      d.put("has_more", messages.size() >= request.limit());
      if (messages.isEmpty()) {
        d.putNull("next_message_id");
      } else {
        d.put("next_message_id", Long.toString(messages.get(messages.size() - 1).id()));
      }
      return d;
    }

    @Override
    public ObjectNode fetchGuildEmojis(DiscordRequest.FetchGuildEmojis request) {
      ObjectNode d = object();
      d.set("emojis", RequestJson.MAPPER.valueToTree(result));
      return d;
    }

    @Override
    public ObjectNode batchUpdateMessages(DiscordRequest.BatchUpdateMessages request) {
      BatchResult batch = (BatchResult) result;
      ObjectNode d = object();
      d.put("updated_count", batch.updated());
      d.put("failed_count", batch.failed());
      ArrayNode failures = d.putArray("failures");
      batch
          .failures()
          .forEach(
              (id, error) ->
                  failures.addObject().put("message_id", Long.toString(id)).put("error", error));
      return d;
    }

    @Override
    public ObjectNode listRoles(DiscordRequest.ListRoles request) {
      ObjectNode d = object();
      d.set("roles", RequestJson.MAPPER.valueToTree(result));
      return d;
    }

    @Override
    public ObjectNode addRole(DiscordRequest.AddRole request) {
      return flag("updated");
    }

    @Override
    public ObjectNode removeRole(DiscordRequest.RemoveRole request) {
      return flag("updated");
    }

    @Override
    public ObjectNode fetchMember(DiscordRequest.FetchMember request) {
      ObjectNode d = object();
      d.set("member", RequestJson.MAPPER.valueToTree(result));
      return d;
    }

    @Override
    public ObjectNode listRoleMembers(DiscordRequest.ListRoleMembers request) {
      ObjectNode d = object();
      d.set("members", RequestJson.MAPPER.valueToTree(result));
      return d;
    }

    @Override
    public ObjectNode editInteractionResponse(DiscordRequest.EditInteractionResponse request) {
      return sent(request.channelId());
    }

    @Override
    public ObjectNode sendFollowup(DiscordRequest.SendFollowup request) {
      return sent(request.channelId());
    }

    @Override
    public ObjectNode deleteInteractionResponse(DiscordRequest.DeleteInteractionResponse request) {
      return flag("deleted");
    }

    @Override
    public ObjectNode executeWebhook(DiscordRequest.ExecuteWebhook request) {
      return sent((Long) null);
    }
  }

  private static final class Decoder implements DiscordRequest.Visitor<Object> {
    private final JsonNode d;

    Decoder(JsonNode data) {
      this.d = data;
    }

    private SentMessage sent() {
      List<Long> ids = new ArrayList<>();
      d.path("message_ids").forEach(id -> ids.add(Long.parseLong(id.asText())));
      if (ids.isEmpty()) {
        ids.add(Long.parseLong(d.path("message_id").asText()));
      }
      return new SentMessage(ids);
    }

    private <T> T read(JsonNode node, TypeReference<T> type) {
      return RequestJson.MAPPER.convertValue(node, type);
    }

    @Override
    public Object sendMessage(DiscordRequest.SendMessage request) {
      return sent();
    }

    @Override
    public Object editMessage(DiscordRequest.EditMessage request) {
      return null;
    }

    @Override
    public Object deleteMessage(DiscordRequest.DeleteMessage request) {
      return null;
    }

    @Override
    public Object fetchChannelHistory(DiscordRequest.FetchChannelHistory request) {
      List<HistoryMessage> messages = new ArrayList<>();
      for (JsonNode m : d.path("messages")) {
        List<String> urls = new ArrayList<>();
        m.path("attachments").forEach(a -> urls.add(a.path("url").asText()));
        messages.add(
            new HistoryMessage(
                Long.parseLong(m.path("id").asText()),
                Long.parseLong(m.path("author_id").asText()),
                m.path("content").asText(""),
                Instant.parse(m.path("created_at").asText()),
                read(m.path("embeds"), EMBEDS),
                urls,
                m.path("author_bot").asBoolean(false)));
      }
      return messages;
    }

    @Override
    public Object fetchGuildEmojis(DiscordRequest.FetchGuildEmojis request) {
      return read(d.path("emojis"), new TypeReference<List<GuildEmoji>>() {});
    }

    @Override
    public Object batchUpdateMessages(DiscordRequest.BatchUpdateMessages request) {
      Map<Long, String> failures = new LinkedHashMap<>();
      for (JsonNode f : d.path("failures")) {
        failures.put(Long.parseLong(f.path("message_id").asText()), f.path("error").asText());
      }
      return new BatchResult(d.path("updated_count").asInt(), failures.size(), failures);
    }

    @Override
    public Object listRoles(DiscordRequest.ListRoles request) {
      return read(d.path("roles"), new TypeReference<List<GuildRole>>() {});
    }

    @Override
    public Object addRole(DiscordRequest.AddRole request) {
      return null;
    }

    @Override
    public Object removeRole(DiscordRequest.RemoveRole request) {
      return null;
    }

    @Override
    public Object fetchMember(DiscordRequest.FetchMember request) {
      return read(d.path("member"), new TypeReference<GuildMember>() {});
    }

    @Override
    public Object listRoleMembers(DiscordRequest.ListRoleMembers request) {
      return read(d.path("members"), new TypeReference<List<GuildMember>>() {});
    }

    @Override
    public Object editInteractionResponse(DiscordRequest.EditInteractionResponse request) {
      return sent();
    }

    @Override
    public Object sendFollowup(DiscordRequest.SendFollowup request) {
      return sent();
    }

    @Override
    public Object deleteInteractionResponse(DiscordRequest.DeleteInteractionResponse request) {
      return null;
    }

    @Override
    public Object executeWebhook(DiscordRequest.ExecuteWebhook request) {
      return sent();
    }
  }
}
