package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.ContentVisibility;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.Snowflakes;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Channel messages: create (replies included), get, edit, delete, bulk delete and history.
 * Ephemeral interaction messages are not part of the channel for bots: unknown here, never listed.
 */
public final class MessageRoutes {
  private static final Duration BULK_DELETE_MAX_AGE = Duration.ofDays(14);

  private final SimState state;
  private final MessageWriter writer;
  private final Clock clock;

  public MessageRoutes(SimState state, MessageWriter writer, Clock clock) {
    this.state = state;
    this.writer = writer;
    this.clock = clock;
  }

  public void register(RestPipeline api) {
    String messages = "/channels/{channel_id}/messages";
    api.post(messages, Auth.BOT, this::create);
    api.get(messages, Auth.BOT, this::history);
    api.post(messages + "/bulk-delete", Auth.BOT, this::bulkDelete);
    api.get(messages + "/{message_id}", Auth.BOT, this::get);
    api.patch(messages + "/{message_id}", Auth.BOT, this::edit);
    api.delete(messages + "/{message_id}", Auth.BOT, this::delete);
    api.get("/channels/{channel_id}", Auth.BOT, this::channel);
  }

  private JsonNode channel(RestCall call) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          Access.inChannel(state, call.bot(), channel);
          return Payloads.channel(channel);
        });
  }

  private JsonNode create(RestCall call) {
    JsonNode body = call.body();
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          long granted = Access.inChannel(state, call.bot(), channel);
          if (!Permission.has(granted, Permission.SEND_MESSAGES)) {
            throw DiscordError.missingPermissions();
          }
          requireReachable(channel, call.bot().user.id);
          MessageValidator.validate(body, true);
          SimMessage existing = writer.existingForNonce(call.bot().user, body);
          if (existing != null) {
            return render(call, existing);
          }
          MessageWriter.Origin origin = MessageWriter.Origin.of(call.bot().user);
          SimMessage repliedTo = MessageReferences.target(state, channel, body, granted);
          if (repliedTo != null) {
            origin = origin.replyingTo(repliedTo);
          }
          JsonNode stored = MessageValidator.settableFlags(body, MessageValidator.CHANNEL_FLAGS);
          return render(call, writer.create(channel, stored, origin, null));
        });
  }

  private JsonNode get(RestCall call) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          Access.requireInChannel(state, call.bot(), channel, Permission.READ_MESSAGE_HISTORY);
          return render(call, visible(channel, call.pathId("message_id")));
        });
  }

  private JsonNode edit(RestCall call) {
    JsonNode body = call.body();
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          Access.inChannel(state, call.bot(), channel);
          SimMessage message = visible(channel, call.pathId("message_id"));
          if (message.author.id != call.bot().user.id) {
            throw DiscordError.cannotEditOthersMessage();
          }
          MessageValidator.validate(body, false);
          return render(call, writer.edit(message, body));
        });
  }

  private JsonNode delete(RestCall call) {
    state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          long granted = Access.inChannel(state, call.bot(), channel);
          SimMessage message = visible(channel, call.pathId("message_id"));
          if (message.author.id != call.bot().user.id) {
            // Nobody deletes the other side's messages in a DM.
            Access.requireGuildChannel(channel);
            if (!Permission.has(granted, Permission.MANAGE_MESSAGES)) {
              throw DiscordError.missingPermissions();
            }
          }
          writer.delete(message);
        });
    return null;
  }

  private JsonNode bulkDelete(RestCall call) {
    JsonNode ids = call.body().path("messages");
    FormErrors errors = new FormErrors();
    if (!ids.isArray() || ids.size() < 2) {
      errors.add("messages", "BASE_TYPE_MIN_LENGTH", "Must be 2 or more in length.");
    } else if (ids.size() > 100) {
      errors.maxLength("messages", 100);
    }
    Set<String> distinct = new HashSet<>();
    ids.forEach(id -> distinct.add(id.asText()));
    if (errors.isEmpty() && distinct.size() != ids.size()) {
      errors.add("messages", "BASE_TYPE_DUPLICATES", "Duplicate messages are not allowed.");
    }
    errors.throwIfAny();
    state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          Access.inChannel(state, call.bot(), channel);
          Access.requireGuildChannel(channel);
          Access.requireInChannel(state, call.bot(), channel, Permission.MANAGE_MESSAGES);
          Instant oldest = clock.instant().minus(BULK_DELETE_MAX_AGE);
          List<SimMessage> found = new ArrayList<>();
          for (String id : distinct) {
            long messageId = parseId(id);
            if (Snowflakes.instantOf(messageId).isBefore(oldest)) {
              throw DiscordError.bulkDeleteTooOld();
            }
            SimMessage message = state.messagesOf(channel.id).get(messageId);
            // Discord skips ids it does not know instead of failing the whole batch.
            if (message != null && !message.deleted() && !message.ephemeral()) {
              found.add(message);
            }
          }
          writer.bulkDelete(channel, found);
        });
    return null;
  }

  /** History newest first, as Discord returns it, whichever of before/after/around is used. */
  private JsonNode history(RestCall call) {
    int limit = parseLimit(call.query("limit"));
    Long before = optionalId(call.query("before"));
    Long after = optionalId(call.query("after"));
    Long around = optionalId(call.query("around"));
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          long granted = Access.inChannel(state, call.bot(), channel);
          if (!Permission.has(granted, Permission.READ_MESSAGE_HISTORY)) {
            // Discord: "If the current user is missing the READ_MESSAGE_HISTORY permission in the
            // channel, then no messages will be returned" — an empty list, not an error.
            return Json.array();
          }
          TreeMap<Long, SimMessage> live = new TreeMap<>();
          state
              .messagesOf(channel.id)
              .forEach(
                  (id, m) -> {
                    if (!m.deleted() && !m.ephemeral()) {
                      live.put(id, m);
                    }
                  });
          List<SimMessage> page = new ArrayList<>();
          if (around != null) {
            int half = limit / 2;
            List<SimMessage> older = take(live.headMap(around, false).descendingMap(), half);
            List<SimMessage> newer = take(live.tailMap(around, true), limit - older.size());
            page.addAll(newer);
            page.addAll(older);
            page.sort((a, b) -> Long.compare(b.id, a.id));
          } else if (after != null) {
            page.addAll(take(live.tailMap(after, false), limit));
            page.sort((a, b) -> Long.compare(b.id, a.id));
          } else {
            NavigableMap<Long, SimMessage> older =
                before == null ? live.descendingMap() : live.headMap(before, false).descendingMap();
            page.addAll(take(older, limit));
          }
          ArrayNode result = Json.array();
          page.forEach(m -> result.add(render(call, m)));
          return result;
        });
  }

  private static List<SimMessage> take(NavigableMap<Long, SimMessage> map, int limit) {
    List<SimMessage> out = new ArrayList<>();
    for (SimMessage message : map.values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(message);
    }
    return out;
  }

  /**
   * A bot can write in a DM only while it shares a guild with the person (Discord's 50007 "Cannot
   * send messages to this user" otherwise).
   */
  private void requireReachable(SimChannel channel, long botId) {
    if (channel.isDm() && !state.shareAGuild(channel.recipientFor(botId).id, botId)) {
      throw DiscordError.cannotSendToUser();
    }
  }

  /** A live message the bot can see: ephemeral ones exist only for the user who ran a command. */
  private SimMessage visible(SimChannel channel, long messageId) {
    SimMessage message = state.message(channel.id, messageId);
    if (message.ephemeral()) {
      throw DiscordError.unknownMessage();
    }
    return message;
  }

  /** Over REST the application's MESSAGE_CONTENT switch decides, not the gateway's intents. */
  private JsonNode render(RestCall call, SimMessage message) {
    SimBot bot = call.bot();
    return Payloads.message(
        message,
        state.guilds.get(message.guildId),
        ContentVisibility.forBot(bot.user.id, bot.hasPrivileged(PrivilegedIntent.MESSAGE_CONTENT)));
  }

  private static int parseLimit(String raw) {
    if (raw == null) {
      return 50;
    }
    FormErrors errors = new FormErrors();
    int limit;
    try {
      limit = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      errors.add("limit", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.").throwIfAny();
      return 0;
    }
    if (limit < 1) {
      errors.add("limit", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
    } else if (limit > 100) {
      errors.add("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
    }
    errors.throwIfAny();
    return limit;
  }

  private static Long optionalId(String raw) {
    return raw == null || raw.isEmpty() ? null : parseId(raw);
  }

  private static long parseId(String raw) {
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw DiscordError.invalidForm(
          new FormErrors()
              .add("id", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake."));
    }
  }
}
