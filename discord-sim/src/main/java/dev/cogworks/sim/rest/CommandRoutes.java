package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.sim.ratelimit.RateLimiter;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.SimState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Application commands, global and per guild: list, bulk overwrite, upsert, get, edit, delete. A
 * command keeps its id across overwrites while its name and type stay, as on Discord, so bots can
 * compare what is registered with what they define.
 */
public final class CommandRoutes {
  private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}]{1,32}$");

  /**
   * Discord's caps per command type in one scope: 100 slash commands (CHAT_INPUT), 15 user and 15
   * message context-menu commands.
   */
  private static final Map<Integer, Integer> MAX_BY_TYPE = Map.of(1, 100, 2, 15, 3, 15);

  /** STRING, INTEGER and NUMBER: the option types that may have autocomplete. */
  private static final Set<Integer> AUTOCOMPLETE_TYPES = Set.of(3, 4, 10);

  private final SimState state;
  private final RateLimiter limiter;

  public CommandRoutes(SimState state, RateLimiter limiter) {
    this.state = state;
    this.limiter = limiter;
  }

  public void register(RestPipeline api) {
    for (String scope :
        new String[] {
          "/applications/{application_id}/commands",
          "/applications/{application_id}/guilds/{guild_id}/commands"
        }) {
      api.get(scope, Auth.BOT, this::list);
      api.put(scope, Auth.BOT, this::overwrite);
      api.post(scope, Auth.BOT, this::upsert);
      api.get(scope + "/{command_id}", Auth.BOT, this::get);
      api.patch(scope + "/{command_id}", Auth.BOT, this::edit);
      api.delete(scope + "/{command_id}", Auth.BOT, this::delete);
    }
  }

  /** Registered commands for the application in one scope (a guild, or global when null). */
  public List<SimCommand> commands(long applicationId, Long guildId) {
    return state.commands.values().stream()
        .filter(c -> c.applicationId() == applicationId && Objects.equals(c.guildId(), guildId))
        .toList();
  }

  private Long scope(RestCall call) {
    if (call.pathId("application_id") != call.bot().applicationId()) {
      throw new DiscordError(
          403, 20012, "You are not authorized to perform this action on this application");
    }
    if (call.ctx().pathParamMap().containsKey("guild_id")) {
      long guildId = call.pathId("guild_id");
      Access.botMember(state, call.bot(), guildId);
      return guildId;
    }
    return null;
  }

  private JsonNode list(RestCall call) {
    return state.write(
        () -> {
          ArrayNode result = Json.array();
          commands(call.bot().applicationId(), scope(call)).forEach(c -> result.add(c.json()));
          return result;
        });
  }

  private JsonNode overwrite(RestCall call) {
    JsonNode body = call.body();
    if (!body.isArray()) {
      throw DiscordError.invalidForm(
          new FormErrors()
              .add("_root", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType"));
    }
    FormErrors errors = new FormErrors();
    Map<Integer, Integer> perType = new HashMap<>();
    body.forEach(c -> perType.merge(c.path("type").asInt(1), 1, Integer::sum));
    perType.forEach(
        (type, count) -> {
          int max = MAX_BY_TYPE.getOrDefault(type, 0);
          if (count > max) {
            errors.maxLength("_root", max);
          }
        });
    Set<String> names = new HashSet<>();
    for (int i = 0; i < body.size(); i++) {
      validate(body.get(i), Integer.toString(i), errors);
      if (!names.add(body.get(i).path("type").asInt(1) + "/" + body.get(i).path("name").asText())) {
        errors.add(
            i + ".name",
            "APPLICATION_COMMANDS_DUPLICATE_NAME",
            "Application command names must be unique");
      }
    }
    errors.throwIfAny();
    return state.write(
        () -> {
          Long guildId = scope(call);
          long appId = call.bot().applicationId();
          List<SimCommand> old = commands(appId, guildId);
          int created = 0;
          for (JsonNode definition : body) {
            created += find(old, definition) == null ? 1 : 0;
          }
          takeDailyCreates(call, guildId, created);
          old.forEach(c -> state.commands.remove(c.id()));
          ArrayNode result = Json.array();
          for (JsonNode definition : body) {
            SimCommand previous = find(old, definition);
            SimCommand command = store(appId, guildId, definition, previous);
            result.add(command.json());
          }
          return result;
        });
  }

  private JsonNode upsert(RestCall call) {
    JsonNode body = call.body();
    FormErrors errors = new FormErrors();
    validate(body, null, errors);
    errors.throwIfAny();
    return state.write(
        () -> {
          Long guildId = scope(call);
          long appId = call.bot().applicationId();
          SimCommand previous = find(commands(appId, guildId), body);
          if (previous != null) {
            state.commands.remove(previous.id());
          } else if (ofType(commands(appId, guildId), type(body)) >= maxOf(type(body))) {
            throw new DiscordError(
                400,
                30032,
                "Maximum number of application commands reached (" + maxOf(type(body)) + ")");
          } else {
            takeDailyCreates(call, guildId, 1);
          }
          return store(appId, guildId, body, previous).json();
        });
  }

  /**
   * Discord allows 200 new commands per day per guild (updates of a command of the same name and
   * type do not count); past that, 30034. Global commands have one daily count of their own here.
   */
  private void takeDailyCreates(RestCall call, Long guildId, int created) {
    if (created == 0) {
      return;
    }
    String scope = guildId == null ? "global" : "guild_id=" + guildId;
    long retry =
        limiter.takeSubLimit(
            "bot:" + call.bot().user.id, RateLimitPolicy.COMMAND_CREATES, scope, created);
    if (retry > 0) {
      int limit = limiter.policy().forRoute(RateLimitPolicy.COMMAND_CREATES).limit();
      throw new DiscordError(
          400,
          30034,
          "Max number of daily application command creates has been reached (" + limit + ")");
    }
  }

  private JsonNode get(RestCall call) {
    return state.write(() -> command(call, scope(call)).json());
  }

  private JsonNode edit(RestCall call) {
    JsonNode patch = call.body();
    return state.write(
        () -> {
          Long guildId = scope(call);
          SimCommand command = command(call, guildId);
          ObjectNode merged = command.json().deepCopy();
          patch.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
          FormErrors errors = new FormErrors();
          validate(merged, null, errors);
          errors.throwIfAny();
          state.commands.remove(command.id());
          return store(command.applicationId(), guildId, merged, command).json();
        });
  }

  private JsonNode delete(RestCall call) {
    state.write(
        () -> {
          SimCommand command = command(call, scope(call));
          state.commands.remove(command.id());
        });
    return null;
  }

  private SimCommand command(RestCall call, Long guildId) {
    SimCommand command = state.commands.get(call.pathId("command_id"));
    if (command == null
        || command.applicationId() != call.bot().applicationId()
        || !Objects.equals(command.guildId(), guildId)) {
      throw DiscordError.unknownCommand();
    }
    return command;
  }

  private static int type(JsonNode definition) {
    return definition.path("type").asInt(1);
  }

  private static int maxOf(int type) {
    return MAX_BY_TYPE.getOrDefault(type, 0);
  }

  private static long ofType(List<SimCommand> commands, int type) {
    return commands.stream().filter(c -> type(c.json()) == type).count();
  }

  private static SimCommand find(List<SimCommand> commands, JsonNode definition) {
    int type = definition.path("type").asInt(1);
    String name = definition.path("name").asText();
    return commands.stream()
        .filter(c -> c.name().equals(name) && c.json().path("type").asInt(1) == type)
        .findFirst()
        .orElse(null);
  }

  private SimCommand store(long appId, Long guildId, JsonNode definition, SimCommand previous) {
    long id = previous != null ? previous.id() : state.ids.next();
    ObjectNode json = Json.object();
    json.put("id", Long.toString(id));
    json.put("application_id", Long.toString(appId));
    json.put("version", Long.toString(state.ids.next()));
    json.put("type", definition.path("type").asInt(1));
    json.put("name", definition.path("name").asText());
    json.put("description", definition.path("description").asText(""));
    json.set(
        "options", definition.has("options") ? definition.get("options").deepCopy() : Json.array());
    json.set("default_member_permissions", copyOrNull(definition, "default_member_permissions"));
    json.put("nsfw", definition.path("nsfw").asBoolean(false));
    json.set("name_localizations", copyOrNull(definition, "name_localizations"));
    json.set("description_localizations", copyOrNull(definition, "description_localizations"));
    json.set("contexts", copyOrNull(definition, "contexts"));
    if (guildId == null && definition.has("dm_permission")) {
      // Deprecated in favour of contexts, still honoured when contexts are absent.
      json.set("dm_permission", definition.get("dm_permission").deepCopy());
    }
    json.set(
        "integration_types",
        definition.has("integration_types")
            ? definition.get("integration_types").deepCopy()
            : Json.array().add(0));
    if (guildId != null) {
      json.put("guild_id", Long.toString(guildId));
    }
    SimCommand command = new SimCommand(id, appId, guildId, json.path("name").asText(), json);
    state.commands.put(id, command);
    return command;
  }

  private static JsonNode copyOrNull(JsonNode definition, String field) {
    JsonNode value = definition.get(field);
    return value == null ? Json.MAPPER.nullNode() : value.deepCopy();
  }

  private static void validate(JsonNode definition, String at, FormErrors errors) {
    String prefix = at == null ? "" : at + ".";
    String name = definition.path("name").asText("");
    int type = definition.path("type").asInt(1);
    // Slash command names follow Discord's regex in lower case; context-menu (user and message)
    // command names are any 1-32 characters, spaces and capitals included.
    boolean validName =
        type == 1
            ? NAME.matcher(name).matches() && name.equals(name.toLowerCase())
            : !name.isBlank() && name.length() <= 32;
    if (!validName) {
      errors.add(prefix + "name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    String description = definition.path("description").asText("");
    if (type == 1 && (description.isEmpty() || description.length() > 100)) {
      errors.add(
          prefix + "description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    if (definition.path("options").size() > 25) {
      errors.maxLength(prefix + "options", 25);
    }
    validateOptions(definition.path("options"), prefix + "options.", errors);
  }

  /**
   * Discord: {@code autocomplete} only on STRING, INTEGER and NUMBER options, and never together
   * with {@code choices}. Discord answers both at {@code …options.N.autocomplete}; the inner codes
   * here are the simulator's names for them.
   */
  private static void validateOptions(JsonNode options, String at, FormErrors errors) {
    for (int i = 0; i < options.size(); i++) {
      JsonNode option = options.get(i);
      String path = at + i + ".";
      if (option.path("autocomplete").asBoolean(false)) {
        if (!AUTOCOMPLETE_TYPES.contains(option.path("type").asInt())) {
          errors.add(
              path + "autocomplete",
              "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
              "Autocomplete cannot be configured for this type of option");
        } else if (option.path("choices").size() > 0) {
          errors.add(
              path + "autocomplete",
              "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_EXCLUSIVE",
              "Autocomplete cannot be set to true if choices are present");
        }
      }
      validateOptions(option.path("options"), path + "options.", errors);
    }
  }
}
