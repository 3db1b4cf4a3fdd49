package dev.cogworks.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.state.SimState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request Guild Members (op 8), as Discord's gateway documentation limits it: one guild per
 * request; the whole list ({@code query ""}, {@code limit 0}) only with GUILD_MEMBERS identified
 * and once per guild per bot every 30 s (else a RATE_LIMITED dispatch); at most 100 members for a
 * {@code query} or for {@code user_ids}; answered in GUILD_MEMBERS_CHUNK dispatches of up to 1,000
 * members.
 */
final class MemberRequests {
  static final int CHUNK_SIZE = 1000;
  static final int SEARCH_LIMIT = 100;
  static final Duration FULL_LIST_INTERVAL = Duration.ofSeconds(30);
  private static final int NONCE_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(MemberRequests.class);

  private final SimState state;
  private final Clock clock;

  /** When each bot last asked for a guild's whole list, by "botId:guildId". */
  private final Map<String, Instant> fullListRequests = new ConcurrentHashMap<>();

  MemberRequests(SimState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  /** Answers one op 8 on {@code session}; called under the state lock. */
  void answer(GatewaySession session, JsonNode data) {
    JsonNode guildId = data.path("guild_id");
    if (!guildId.isTextual() && !guildId.isIntegralNumber()) {
      // Discord takes one guild per request; it documents no answer for an array, so none comes.
      log.debug("op 8 without a single guild_id ignored: {}", guildId);
      return;
    }
    SimGuild guild = state.guilds.get(parseId(guildId.asText()));
    if (guild == null || !guild.members.containsKey(session.bot.user.id)) {
      return;
    }
    String nonce = nonce(data.path("nonce"));
    boolean byIds = data.hasNonNull("user_ids");
    String query = data.path("query").asText("");
    int limit = Math.max(0, data.path("limit").asInt(0));
    if (!byIds && !data.has("query")) {
      return;
    }
    List<SimMember> found = new ArrayList<>();
    Set<String> notFound = new LinkedHashSet<>();
    if (byIds) {
      for (String id : firstIds(data.get("user_ids"))) {
        SimMember member = guild.members.get(parseId(id));
        if (member == null) {
          notFound.add(id);
        } else {
          found.add(member);
        }
      }
    } else if (query.isEmpty()) {
      // The whole list, or a slice of it: Discord requires GUILD_MEMBERS and stays silent
      // otherwise.
      if (!Intents.has(session.intents, Intents.GUILD_MEMBERS)) {
        log.debug("op 8 for the member list of {} without GUILD_MEMBERS: no answer", guild.id);
        return;
      }
      if (limit == 0 && rateLimited(session, guild, nonce)) {
        return;
      }
      guild.members.values().stream()
          .limit(limit == 0 ? Long.MAX_VALUE : Math.min(limit, SEARCH_LIMIT))
          .forEach(found::add);
    } else {
      String prefix = query.toLowerCase(Locale.ROOT);
      guild.members.values().stream()
          .filter(m -> startsWith(m.user.username, prefix) || startsWith(m.nick, prefix))
          .limit(limit == 0 ? SEARCH_LIMIT : Math.min(limit, SEARCH_LIMIT))
          .forEach(found::add);
    }
    boolean presences =
        data.path("presences").asBoolean(false)
            && Intents.has(session.intents, Intents.GUILD_PRESENCES);
    sendChunks(session, guild, found, notFound, nonce, presences);
  }

  private boolean rateLimited(GatewaySession session, SimGuild guild, String nonce) {
    String key = session.bot.user.id + ":" + guild.id;
    Instant now = clock.instant();
    Instant previous = fullListRequests.get(key);
    if (previous != null && previous.plus(FULL_LIST_INTERVAL).isAfter(now)) {
      Duration wait = Duration.between(now, previous.plus(FULL_LIST_INTERVAL));
      ObjectNode limited = Json.object();
      limited.put("opcode", 8);
      limited.put("retry_after", wait.toMillis() / 1000.0);
      ObjectNode meta = limited.putObject("meta");
      meta.put("guild_id", Long.toString(guild.id));
      if (nonce != null) {
        meta.put("nonce", nonce);
      }
      session.dispatch("RATE_LIMITED", limited);
      return true;
    }
    fullListRequests.put(key, now);
    return false;
  }

  private static void sendChunks(
      GatewaySession session,
      SimGuild guild,
      List<SimMember> found,
      Set<String> notFound,
      String nonce,
      boolean presences) {
    int count = Math.max(1, (found.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
    for (int index = 0; index < count; index++) {
      ObjectNode chunk = Json.object();
      chunk.put("guild_id", Long.toString(guild.id));
      ArrayNode members = chunk.putArray("members");
      found
          .subList(index * CHUNK_SIZE, Math.min(found.size(), (index + 1) * CHUNK_SIZE))
          .forEach(m -> members.add(Payloads.member(m)));
      chunk.put("chunk_index", index);
      chunk.put("chunk_count", count);
      ArrayNode missing = chunk.putArray("not_found");
      if (index == 0) {
        notFound.forEach(missing::add);
      }
      if (presences) {
        // Asked for and allowed; the simulator has no presences, so everyone is offline.
        chunk.putArray("presences");
      }
      if (nonce != null) {
        chunk.put("nonce", nonce);
      }
      session.dispatch("GUILD_MEMBERS_CHUNK", chunk);
    }
  }

  /** {@code user_ids}: one id or an array; Discord returns at most 100 members for them. */
  private static List<String> firstIds(JsonNode userIds) {
    List<String> ids = new ArrayList<>();
    if (userIds.isArray()) {
      userIds.forEach(id -> ids.add(id.asText()));
    } else {
      ids.add(userIds.asText());
    }
    return ids.subList(0, Math.min(SEARCH_LIMIT, ids.size()));
  }

  /** A nonce over 32 bytes is ignored: the chunks then carry none. */
  private static String nonce(JsonNode nonce) {
    if (nonce.isMissingNode() || nonce.isNull()) {
      return null;
    }
    String text = nonce.asText();
    return text.getBytes(StandardCharsets.UTF_8).length > NONCE_BYTES ? null : text;
  }

  private static boolean startsWith(String name, String prefix) {
    return name != null && name.toLowerCase(Locale.ROOT).startsWith(prefix);
  }

  private static long parseId(String id) {
    try {
      return Long.parseUnsignedLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
