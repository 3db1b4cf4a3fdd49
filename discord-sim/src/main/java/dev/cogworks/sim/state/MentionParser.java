package dev.cogworks.sim.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a message pings, as Discord computes {@code mentions}, {@code mention_roles} and {@code
 * mention_everyone}: the mentions in the content that {@code allowed_mentions} lets through.
 * Without {@code allowed_mentions}, a regular message parses users, roles and @everyone/@here;
 * interaction responses and webhook messages parse users only. @everyone/@here and roles that are
 * not mentionable need the author's Mention Everyone permission in the channel.
 */
final class MentionParser {
  private static final Pattern USER = Pattern.compile("<@!?(\\d+)>");
  private static final Pattern ROLE = Pattern.compile("<@&(\\d+)>");
  private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");

  private final SimState state;

  MentionParser(SimState state) {
    this.state = state;
  }

  /** Sets the message's three mention fields from its content and the request body. */
  void apply(SimMessage message, JsonNode body) {
    JsonNode allowed = body.get("allowed_mentions");
    boolean absent = allowed == null || allowed.isNull();
    Set<String> parse = new HashSet<>();
    Set<String> users = new HashSet<>();
    Set<String> roles = new HashSet<>();
    if (absent) {
      parse.add("users");
      if (regular(message)) {
        parse.add("roles");
        parse.add("everyone");
      }
    } else {
      allowed.path("parse").forEach(p -> parse.add(p.asText()));
      allowed.path("users").forEach(u -> users.add(u.asText()));
      allowed.path("roles").forEach(r -> roles.add(r.asText()));
    }
    boolean mayPingAll = mayMentionEveryone(message);
    String content = message.content;

    List<Long> pinged = new ArrayList<>();
    Matcher user = USER.matcher(content);
    while (user.find()) {
      if (parse.contains("users") || users.contains(user.group(1))) {
        pinged.add(Long.parseLong(user.group(1)));
      }
    }
    boolean repliedUser = absent || allowed.path("replied_user").asBoolean(false);
    if (message.referencedMessage != null && repliedUser) {
      pinged.add(message.referencedMessage.author.id);
    }
    message.mentions = users(message, pinged);

    SimGuild guild = state.guilds.get(message.guildId);
    ArrayNode mentionRoles = Json.array();
    Set<Long> seenRoles = new HashSet<>();
    Matcher role = ROLE.matcher(content);
    while (role.find()) {
      long id = Long.parseLong(role.group(1));
      SimRole found = guild == null ? null : guild.roles.get(id);
      boolean allowedRole = parse.contains("roles") || roles.contains(role.group(1));
      if (found != null
          && !found.isEveryone()
          && allowedRole
          && (found.mentionable || mayPingAll)
          && seenRoles.add(id)) {
        mentionRoles.add(Long.toString(id));
      }
    }
    message.mentionRoles = mentionRoles;
    message.mentionEveryone =
        parse.contains("everyone") && mayPingAll && EVERYONE.matcher(content).find();
  }

  /** A bot's or user's own message; not an interaction response or a webhook's. */
  private static boolean regular(SimMessage message) {
    return message.webhookId == null && message.interactionMetadata == null;
  }

  private boolean mayMentionEveryone(SimMessage message) {
    SimGuild guild = state.guilds.get(message.guildId);
    SimChannel channel = state.channels.get(message.channelId);
    SimMember member = guild == null ? null : guild.members.get(message.author.id);
    if (member == null || channel == null || message.webhookId != null) {
      // Webhooks are not members; Discord lets them ping what allowed_mentions permits.
      return true;
    }
    return Permission.has(
        Permissions.inChannel(guild, member, channel), Permission.MENTION_EVERYONE);
  }

  private ArrayNode users(SimMessage message, List<Long> pinged) {
    ArrayNode mentions = Json.array();
    Set<Long> seen = new HashSet<>();
    SimGuild guild = state.guilds.get(message.guildId);
    for (long userId : pinged) {
      SimUser user = state.users.get(userId);
      if (user != null && seen.add(userId)) {
        var json = Payloads.user(user);
        SimMember member = guild == null ? null : guild.members.get(userId);
        if (member != null) {
          json.set("member", Payloads.partialMember(member));
        }
        mentions.add(json);
      }
    }
    return mentions;
  }
}
