package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /_sim/events}: server-sent events for live views such as the chat page. Events are
 * rendered under the state lock (so they are consistent) and written from one sender thread.
 */
public final class EventStream {
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "discord-sim-events");
            thread.setDaemon(true);
            return thread;
          });

  public EventStream(SimState state) {
    state.addListener(this::onEvent);
  }

  public void accept(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendEvent("hello", "{}");
  }

  private void onEvent(SimEvent event) {
    if (clients.isEmpty()) {
      return;
    }
    ObjectNode json = render(event);
    if (json == null) {
      return;
    }
    String name = json.path("type").asText();
    String data = Json.write(json);
    sender.execute(
        () -> {
          for (SseClient client : clients) {
            try {
              client.sendEvent(name, data);
            } catch (RuntimeException e) {
              clients.remove(client);
            }
          }
        });
  }

  private static ObjectNode render(SimEvent event) {
    ObjectNode json = Json.object();
    json.put("guild_id", Long.toString(event.guildId()));
    if (event instanceof SimEvent.MessageCreated e) {
      json.put("type", "message_create");
      json.set("message", ControlJson.message(e.message()));
    } else if (event instanceof SimEvent.MessageUpdated e) {
      json.put("type", "message_update");
      json.set("message", ControlJson.message(e.message()));
    } else if (event instanceof SimEvent.MessageDeleted e) {
      json.put("type", "message_delete");
      json.put("channel_id", Long.toString(e.message().channelId));
      json.putArray("ids").add(Long.toString(e.message().id));
    } else if (event instanceof SimEvent.MessagesBulkDeleted e) {
      json.put("type", "message_delete");
      json.put("channel_id", Long.toString(e.channelId()));
      var ids = json.putArray("ids");
      e.messageIds().forEach(id -> ids.add(Long.toString(id)));
    } else if (event instanceof SimEvent.MemberAdded e) {
      json.put("type", "member_add");
      json.set("member", Payloads.member(e.member()));
    } else if (event instanceof SimEvent.MemberUpdated e) {
      json.put("type", "member_update");
      json.set("member", Payloads.member(e.member()));
    } else if (event instanceof SimEvent.RoleCreated e) {
      json.put("type", "role_update");
      json.set("role", Payloads.role(e.role()));
    } else if (event instanceof SimEvent.RoleUpdated e) {
      json.put("type", "role_update");
      json.set("role", Payloads.role(e.role()));
    } else if (event instanceof SimEvent.RoleDeleted e) {
      json.put("type", "role_delete");
      json.put("role_id", Long.toString(e.roleId()));
    } else if (event instanceof SimEvent.ChannelCreated e) {
      json.put("type", "channel_create");
      json.set("channel", Payloads.channel(e.channel()));
    } else if (event instanceof SimEvent.ChannelDeleted e) {
      json.put("type", "channel_delete");
      json.set("channel", Payloads.channel(e.channel()));
    } else if (event instanceof SimEvent.ChannelUpdated e) {
      json.put("type", "channel_update");
      json.set("channel", Payloads.channel(e.channel()));
    } else if (event instanceof SimEvent.MemberRemoved e) {
      json.put("type", "member_remove");
      json.set("user", Payloads.user(e.user()));
    } else if (event instanceof SimEvent.GuildUpdated e) {
      json.put("type", "guild_update");
      json.set("guild", Payloads.guild(e.guild()));
    } else if (event instanceof SimEvent.GuildAvailable e) {
      json.put("type", "guild_join");
      json.put("bot_id", Long.toString(e.botUserId()));
    } else if (event instanceof SimEvent.VoiceStateUpdated e) {
      // Who is in which voice channel: the page reloads its voice list.
      json.put("type", "voice_state_update");
      json.set("voice_state", Payloads.voiceState(e.state()));
      json.put("username", e.member().user.username);
    } else if (event instanceof SimEvent.InteractionCreated e) {
      json.put("type", "interaction_create");
      json.put("interaction_id", Long.toString(e.interaction().id));
      json.put("channel_id", Long.toString(e.interaction().channelId));
    } else {
      return null;
    }
    return json;
  }

  public void close() {
    clients.forEach(SseClient::close);
    sender.shutdownNow();
  }
}
