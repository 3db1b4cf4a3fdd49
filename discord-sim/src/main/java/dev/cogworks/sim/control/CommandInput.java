package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.state.SimState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Discord's client sends as an interaction's {@code data} for a slash command typed against
 * its registered definition: the command, its subcommand path, the options converted to their types
 * with users, roles and channels resolved. For autocomplete, the focused option is sent as typed (a
 * string, as Discord does even for number options) with {@code focused: true}, and required options
 * may still be missing.
 */
final class CommandInput {
  private static final int SUB_COMMAND = 1;
  private static final int SUB_COMMAND_GROUP = 2;

  private final SimState state;

  CommandInput(SimState state) {
    this.state = state;
  }

  /** A typed command: the registered command and the interaction data for it. */
  record Typed(SimCommand command, ObjectNode data) {}

  /**
   * {@code commandLine} is the name, with subcommands after spaces: "role add". {@code focused} is
   * null for a command being run, or the option being typed for autocomplete.
   */
  Typed type(InvocationPlace place, String commandLine, JsonNode options, String focused) {
    String[] path = commandLine.trim().replaceFirst("^/", "").split("\\s+");
    String shown = "/" + String.join(" ", path);
    SimCommand command = place.isDm() ? findInDm(place, path[0]) : findCommand(place, path[0]);
    ObjectNode data = Json.object();
    data.put("id", Long.toString(command.id()));
    data.put("name", command.name());
    data.put("type", 1);
    // Discord: "ID of the guild the command is registered to", so only for guild commands.
    if (command.guildId() != null) {
      data.put("guild_id", Long.toString(command.guildId()));
    }
    JsonNode definitions = command.json().path("options");
    ArrayNode target = data.putArray("options");
    for (int i = 1; i < path.length; i++) {
      JsonNode sub = findOption(definitions, path[i], shown);
      int type = sub.path("type").asInt();
      if (type != SUB_COMMAND && type != SUB_COMMAND_GROUP) {
        throw new ControlException(path[i] + " is not a subcommand of /" + path[0]);
      }
      ObjectNode node = target.addObject().put("name", path[i]).put("type", type);
      target = node.putArray("options");
      definitions = sub.path("options");
    }
    for (JsonNode def : definitions) {
      int type = def.path("type").asInt();
      if (type == SUB_COMMAND || type == SUB_COMMAND_GROUP) {
        throw new ControlException(
            shown + " needs a subcommand, for example " + shown + " " + def.path("name").asText());
      }
    }
    ObjectNode resolved = Json.object();
    Map<String, JsonNode> values = values(options);
    if (focused != null) {
      requireAutocomplete(findOption(definitions, focused, shown), shown);
      values.putIfAbsent(focused, Json.MAPPER.getNodeFactory().textNode(""));
    }
    for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
      String name = entry.getKey();
      JsonNode def = findOption(definitions, name, shown);
      ObjectNode option =
          target.addObject().put("name", name).put("type", def.path("type").asInt());
      if (name.equals(focused)) {
        option.put("value", entry.getValue().asText()).put("focused", true);
      } else {
        option.set("value", OptionValues.convert(state, place, def, entry.getValue(), resolved));
      }
    }
    if (focused == null) {
      requireRequired(definitions, values);
    }
    if (!resolved.isEmpty()) {
      data.set("resolved", resolved);
    }
    return new Typed(command, data);
  }

  private static Map<String, JsonNode> values(JsonNode given) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (given != null && given.isObject()) {
      given.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    } else if (given != null && given.isArray()) {
      given.forEach(o -> values.put(o.path("name").asText(), o.path("value")));
    }
    return values;
  }

  private static void requireAutocomplete(JsonNode definition, String command) {
    if (!definition.path("autocomplete").asBoolean(false)) {
      throw new ControlException(
          "option "
              + definition.path("name").asText()
              + " of "
              + command
              + " does not have autocomplete");
    }
  }

  private static void requireRequired(JsonNode definitions, Map<String, JsonNode> values) {
    for (JsonNode def : definitions) {
      if (def.path("required").asBoolean(false) && !values.containsKey(def.path("name").asText())) {
        throw new ControlException("missing required option " + def.path("name").asText());
      }
    }
  }

  private SimCommand findCommand(InvocationPlace place, String name) {
    SimGuild guild = place.guild();
    return state.commands.values().stream()
        .filter(c -> c.name().equals(name) && c.json().path("type").asInt(1) == 1)
        .filter(c -> c.guildId() == null || c.guildId() == guild.id)
        .filter(c -> c.usableIn(SimCommand.GUILD))
        .filter(c -> guild.members.containsKey(c.applicationId()))
        .filter(c -> Objects.nonNull(state.botsByUserId.get(c.applicationId())))
        // A guild command shadows a global one of the same name, as in Discord's client.
        .sorted((a, b) -> Boolean.compare(a.guildId() == null, b.guildId() == null))
        .findFirst()
        .orElseThrow(
            () -> new ControlException("no bot in " + guild.name + " has registered /" + name));
  }

  /**
   * In a DM only the bot on the other side can be asked, and only its global commands whose
   * contexts include BOT_DM; Discord's client does not offer the others there.
   */
  private SimCommand findInDm(InvocationPlace place, String name) {
    SimBot bot = place.dmBot();
    List<SimCommand> named =
        state.commands.values().stream()
            .filter(c -> c.applicationId() == bot.applicationId())
            .filter(c -> c.name().equals(name) && c.json().path("type").asInt(1) == 1)
            .toList();
    if (named.isEmpty()) {
      throw new ControlException(bot.user.username + " has not registered /" + name);
    }
    return named.stream()
        .filter(c -> c.usableIn(SimCommand.BOT_DM))
        .findFirst()
        .orElseThrow(
            () ->
                new ControlException(
                    "/"
                        + name
                        + " cannot be used in a DM with "
                        + bot.user.username
                        + ": only global commands whose contexts include BOT_DM (1) can;"
                        + " its contexts are "
                        + named.get(0).json().path("contexts")
                        + (named.get(0).guildId() != null ? " (a guild command)" : "")));
  }

  private static JsonNode findOption(JsonNode definitions, String name, String where) {
    for (JsonNode def : definitions) {
      if (def.path("name").asText().equals(name)) {
        return def;
      }
    }
    throw new ControlException("unknown option " + name + " for " + where);
  }
}
