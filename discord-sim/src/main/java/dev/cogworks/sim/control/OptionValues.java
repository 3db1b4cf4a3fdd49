package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimState;

/**
 * Converts a typed-in option value to what Discord's client sends for the option's type, and adds
 * users, members, roles and channels to {@code resolved}. Users, roles and channels may be given by
 * id or by name, as a person would pick them in the client.
 */
final class OptionValues {
  private static final int STRING = 3;
  private static final int INTEGER = 4;
  private static final int BOOLEAN = 5;
  private static final int USER = 6;
  private static final int CHANNEL = 7;
  private static final int ROLE = 8;
  private static final int MENTIONABLE = 9;
  private static final int NUMBER = 10;

  private OptionValues() {}

  static JsonNode convert(
      SimState state,
      InvocationPlace place,
      JsonNode definition,
      JsonNode value,
      ObjectNode resolved) {
    SimGuild guild = place.guild();
    String name = definition.path("name").asText();
    String text = value.asText().trim();
    JsonNode converted =
        switch (definition.path("type").asInt()) {
          case STRING -> Json.MAPPER.getNodeFactory().textNode(value.asText());
          case INTEGER -> Json.MAPPER.getNodeFactory().numberNode(parseLong(name, text));
          case NUMBER -> Json.MAPPER.getNodeFactory().numberNode(parseDouble(name, text));
          case BOOLEAN -> Json.MAPPER.getNodeFactory().booleanNode(parseBoolean(name, text));
          case USER -> idNode(user(place, name, text, resolved));
          case ROLE -> idNode(role(guild, name, text, resolved));
          case CHANNEL -> idNode(channel(guild, name, text, resolved));
          case MENTIONABLE -> idNode(mentionable(place, name, text, resolved));
          default ->
              throw new ControlException(
                  "option " + name + " has a type the simulator cannot send");
        };
    checkChoices(definition, converted);
    return converted;
  }

  private static void checkChoices(JsonNode definition, JsonNode value) {
    JsonNode choices = definition.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return;
    }
    for (JsonNode choice : choices) {
      if (choice.path("value").asText().equals(value.asText())) {
        return;
      }
    }
    throw new ControlException(
        "option " + definition.path("name").asText() + " must be one of its choices: " + choices);
  }

  private static JsonNode idNode(long id) {
    return Json.MAPPER.getNodeFactory().textNode(Long.toString(id));
  }

  private static long user(InvocationPlace place, String option, String text, ObjectNode resolved) {
    String bare = text.replaceAll("^<@!?|>$", "").replaceFirst("^@", "");
    SimGuild guild = place.guild();
    if (guild == null) {
      // In a DM the people to pick are its two sides; users come without members.
      SimUser user =
          place.channel().recipients.stream()
              .filter(u -> Long.toString(u.id).equals(bare) || u.username.equalsIgnoreCase(bare))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ControlException("option " + option + ": no one in this DM is " + text));
      resolved.withObjectProperty("users").set(Long.toString(user.id), Payloads.user(user));
      return user.id;
    }
    SimMember member =
        guild.members.values().stream()
            .filter(
                m ->
                    Long.toString(m.user.id).equals(bare) || m.user.username.equalsIgnoreCase(bare))
            .findFirst()
            .orElseThrow(() -> new ControlException("option " + option + ": no member " + text));
    resolved
        .withObjectProperty("users")
        .set(Long.toString(member.user.id), Payloads.user(member.user));
    ObjectNode memberJson = Payloads.partialMember(member);
    memberJson.put("permissions", Long.toString(Permissions.base(guild, member)));
    resolved.withObjectProperty("members").set(Long.toString(member.user.id), memberJson);
    return member.user.id;
  }

  private static long role(SimGuild guild, String option, String text, ObjectNode resolved) {
    if (guild == null) {
      throw new ControlException("option " + option + ": a DM has no roles to pick");
    }
    String bare = text.replaceAll("^<@&|>$", "").replaceFirst("^@", "");
    SimRole role =
        guild.roles.values().stream()
            .filter(r -> Long.toString(r.id).equals(bare) || r.name.equalsIgnoreCase(bare))
            .findFirst()
            .orElseThrow(() -> new ControlException("option " + option + ": no role " + text));
    resolved.withObjectProperty("roles").set(Long.toString(role.id), Payloads.role(role));
    return role.id;
  }

  private static long channel(SimGuild guild, String option, String text, ObjectNode resolved) {
    if (guild == null) {
      throw new ControlException("option " + option + ": a DM has no server channels to pick");
    }
    String bare = text.replaceAll("^<#|>$", "").replaceFirst("^#", "");
    SimChannel channel =
        guild.channels.values().stream()
            .filter(c -> Long.toString(c.id).equals(bare) || c.name.equalsIgnoreCase(bare))
            .findFirst()
            .orElseThrow(() -> new ControlException("option " + option + ": no channel " + text));
    ObjectNode json = Payloads.channel(channel);
    json.put("permissions", Long.toString(dev.cogworks.sim.model.Permission.ALL));
    resolved.withObjectProperty("channels").set(Long.toString(channel.id), json);
    return channel.id;
  }

  private static long mentionable(
      InvocationPlace place, String option, String text, ObjectNode resolved) {
    try {
      return user(place, option, text, resolved);
    } catch (ControlException notAUser) {
      return role(place.guild(), option, text, resolved);
    }
  }

  private static long parseLong(String option, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ControlException("option " + option + " must be a whole number, not " + text);
    }
  }

  private static double parseDouble(String option, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ControlException("option " + option + " must be a number, not " + text);
    }
  }

  private static boolean parseBoolean(String option, String text) {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ControlException("option " + option + " must be true or false, not " + text);
  }
}
