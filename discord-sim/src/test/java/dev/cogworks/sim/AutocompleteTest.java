package dev.cogworks.sim;

import static dev.cogworks.sim.DiscordAssertions.assertError;
import static dev.cogworks.sim.DiscordAssertions.errorCodeAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.control.ControlException;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.state.SimEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Autocomplete over raw HTTP, where JDA's own client-side checks cannot hide the simulator's:
 * registration rules, the APPLICATION_COMMAND_AUTOCOMPLETE interaction, the rules for the type-8
 * answer, and the control API's refusals.
 */
@DisplayName("Autocomplete: registration, the interaction, the type-8 answer, the control API")
class AutocompleteTest {
  private static final Duration ACK_WINDOW = Duration.ofMillis(1500);

  private static RestFixture f;
  private static SimChannel general;
  private static final List<SimInteraction> started = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    f = RestFixture.start(ACK_WINDOW);
    general = f.sim.control().channelByName(f.guild.id, "general").orElseThrow();
    f.sim
        .control()
        .state()
        .addListener(
            event -> {
              if (event instanceof SimEvent.InteractionCreated created) {
                started.add(created.interaction());
              }
            });
    f.registerCommands(
        "[{\"name\":\"fruit\",\"description\":\"Pick a fruit\",\"options\":["
            + "{\"type\":3,\"name\":\"kind\",\"description\":\"which\",\"required\":true,"
            + "\"autocomplete\":true},"
            + "{\"type\":4,\"name\":\"count\",\"description\":\"how many\","
            + "\"autocomplete\":true},"
            + "{\"type\":3,\"name\":\"note\",\"description\":\"free text\"}]}]");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static String commands() {
    return "applications/" + f.bot.applicationId() + "/guilds/" + f.guild.id + "/commands";
  }

  /** A user typing: the control call blocks until the bot answers, so it runs aside. */
  private record Typing(SimInteraction interaction, CompletableFuture<ArrayNode> choices) {}

  private static Typing type(ObjectNode options, String focused) {
    int before = started.size();
    CompletableFuture<ArrayNode> choices =
        CompletableFuture.supplyAsync(
            () ->
                f.sim
                    .control()
                    .autocomplete(f.guild.id, general.id, f.alice, "fruit", options, focused));
    await().atMost(Duration.ofSeconds(5)).until(() -> started.size() > before);
    return new Typing(started.get(started.size() - 1), choices);
  }

  private static SimHttp.Answer answer(SimInteraction interaction, String body) {
    return f.http.post(
        "interactions/" + interaction.id + "/" + interaction.token + "/callback", body);
  }

  private static String choices(String... choices) {
    return "{\"type\":8,\"data\":{\"choices\":[" + String.join(",", choices) + "]}}";
  }

  @Test
  @DisplayName("Registration: autocomplete on a boolean option, or with choices, is 50035")
  void registrationRules() {
    SimHttp.Answer onBoolean =
        f.http.send(
            "PUT",
            commands(),
            "[{\"name\":\"flag\",\"description\":\"d\",\"options\":[{\"type\":5,\"name\":\"on\","
                + "\"description\":\"d\",\"autocomplete\":true}]}]");
    SimHttp.Answer withChoices =
        f.http.post(
            commands(),
            "{\"name\":\"pick\",\"description\":\"d\",\"options\":[{\"type\":3,\"name\":\"x\","
                + "\"description\":\"d\",\"autocomplete\":true,"
                + "\"choices\":[{\"name\":\"a\",\"value\":\"a\"}]}]}");

    assertError(onBoolean, 400, 50035);
    assertThat(errorCodeAt(onBoolean, "/0/options/0/autocomplete"))
        .isEqualTo("APPLICATION_COMMAND_AUTOCOMPLETE_INVALID");
    assertError(withChoices, 400, 50035);
    assertThat(errorCodeAt(withChoices, "/options/0/autocomplete"))
        .isEqualTo("APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_EXCLUSIVE");
    assertThat(f.sim.control().commandsJson(f.guild.id))
        .extracting(c -> c.path("name").asText())
        .containsExactly("fruit");
  }

  @Test
  @DisplayName(
      "The interaction is type 4 with the options typed so far; the focused one is sent as typed")
  void interactionCarriesTypedOptions() {
    Typing typing = type(Json.object().put("count", "1").put("note", "hi"), "count");
    JsonNode options = typing.interaction().data.path("options");

    SimHttp.Answer accepted =
        answer(typing.interaction(), choices("{\"name\":\"ten\",\"value\":10}"));

    assertThat(typing.interaction().type).isEqualTo(4);
    assertThat(options).extracting(o -> o.path("name").asText()).containsExactly("count", "note");
    assertThat(options.get(0).path("focused").asBoolean()).isTrue();
    assertThat(options.get(0).path("value").isTextual())
        .as("typed text, even for INTEGER")
        .isTrue();
    assertThat(options.get(1).has("focused")).isFalse();
    assertThat(accepted.status()).isEqualTo(204);
    assertThat(typing.choices().join())
        .singleElement()
        .satisfies(c -> assertThat(c.path("value").asLong()).isEqualTo(10));
  }

  @Test
  @DisplayName(
      "An integer option's answer: 26 choices, an empty name, \"ten\" or 2^53 are 50035;"
          + " the user still gets the valid answer that follows")
  void integerChoiceRules() {
    Typing typing = type(Json.object().put("count", "1"), "count");
    String[] many =
        IntStream.range(0, 26)
            .mapToObj(i -> "{\"name\":\"n" + i + "\",\"value\":" + i + "}")
            .toArray(String[]::new);

    SimHttp.Answer tooMany = answer(typing.interaction(), choices(many));
    SimHttp.Answer noName = answer(typing.interaction(), choices("{\"name\":\"\",\"value\":1}"));
    SimHttp.Answer text =
        answer(typing.interaction(), choices("{\"name\":\"x\",\"value\":\"ten\"}"));
    SimHttp.Answer huge =
        answer(typing.interaction(), choices("{\"name\":\"x\",\"value\":9007199254740992}"));
    SimHttp.Answer valid = answer(typing.interaction(), choices("{\"name\":\"one\",\"value\":1}"));

    assertError(tooMany, 400, 50035);
    assertThat(errorCodeAt(tooMany, "/data/choices")).isEqualTo("BASE_TYPE_MAX_LENGTH");
    assertThat(errorCodeAt(noName, "/data/choices/0/name")).isEqualTo("BASE_TYPE_BAD_LENGTH");
    assertThat(errorCodeAt(text, "/data/choices/0/value")).isEqualTo("NUMBER_TYPE_COERCE");
    assertThat(errorCodeAt(huge, "/data/choices/0/value")).isEqualTo("NUMBER_TYPE_MAX");
    assertThat(valid.status()).isEqualTo(204);
    assertThat(typing.choices().join())
        .extracting(c -> c.path("name").asText())
        .containsExactly("one");
  }

  @Test
  @DisplayName("A string option's answer: a number, or a value over 100 characters, is 50035")
  void stringChoiceRules() {
    Typing typing = type(Json.object().put("kind", "pe"), "kind");

    SimHttp.Answer number = answer(typing.interaction(), choices("{\"name\":\"x\",\"value\":5}"));
    SimHttp.Answer longValue =
        answer(
            typing.interaction(),
            choices("{\"name\":\"x\",\"value\":\"" + "v".repeat(101) + "\"}"));
    SimHttp.Answer longName =
        answer(
            typing.interaction(),
            choices("{\"name\":\"" + "n".repeat(101) + "\",\"value\":\"v\"}"));
    SimHttp.Answer valid =
        answer(typing.interaction(), choices("{\"name\":\"Pear\",\"value\":\"pear\"}"));

    assertThat(errorCodeAt(number, "/data/choices/0/value")).isEqualTo("BASE_TYPE_STRING");
    assertThat(errorCodeAt(longValue, "/data/choices/0/value")).isEqualTo("BASE_TYPE_MAX_LENGTH");
    assertThat(errorCodeAt(longName, "/data/choices/0/name")).isEqualTo("BASE_TYPE_BAD_LENGTH");
    assertThat(valid.status()).isEqualTo(204);
    assertThat(typing.choices().join().get(0).path("value").asText()).isEqualTo("pear");
  }

  @Test
  @DisplayName(
      "Only type 8 answers an autocomplete, and type 8 answers nothing else: 50035 on type")
  void callbackTypeMustSuitTheInteraction() {
    Typing typing = type(Json.object().put("kind", "a"), "kind");
    SimInteraction command =
        f.sim
            .control()
            .runCommand(
                f.guild.id, general.id, f.alice, "fruit", Json.object().put("kind", "apple"));

    SimHttp.Answer messageForAutocomplete =
        answer(typing.interaction(), "{\"type\":4,\"data\":{\"content\":\"hi\"}}");
    SimHttp.Answer choicesForCommand = answer(command, choices());
    answer(typing.interaction(), choices());

    assertError(messageForAutocomplete, 400, 50035);
    assertThat(errorCodeAt(messageForAutocomplete, "/type")).isEqualTo("BASE_TYPE_CHOICES");
    assertThat(messageForAutocomplete.json().at("/errors/type/_errors/0/message").asText())
        .isEqualTo("Value must be one of {8}.");
    assertError(choicesForCommand, 400, 50035);
    assertThat(choicesForCommand.json().at("/errors/type/_errors/0/message").asText())
        .isEqualTo("Value must be one of {4, 5, 9}.");
    assertThat(typing.choices().join()).isEmpty();
    assertThat(command.acknowledged()).isFalse();
  }

  @Test
  @DisplayName(
      "The control API refuses an unknown command or an option without autocomplete, and answers"
          + " 504 when the bot stays silent past the acknowledgement window")
  void controlApiRefusals() {
    SimHttp control = SimHttp.control(f.sim);
    String request =
        "{\"guild_id\":\"%d\",\"channel_id\":\"%d\",\"user_id\":\"%d\",\"name\":\"%s\","
            + "\"options\":{},\"focused\":\"%s\"}";

    SimHttp.Answer unknownCommand =
        control.post(
            "_sim/autocomplete", request.formatted(f.guild.id, general.id, f.alice, "nope", "x"));
    SimHttp.Answer plainOption =
        control.post(
            "_sim/autocomplete",
            request.formatted(f.guild.id, general.id, f.alice, "fruit", "note"));

    assertThat(unknownCommand.status()).isEqualTo(400);
    assertThat(unknownCommand.json().path("message").asText())
        .isEqualTo("no bot in Sandbox has registered /nope");
    assertThat(plainOption.status()).isEqualTo(400);
    assertThat(plainOption.json().path("message").asText())
        .isEqualTo("option note of /fruit does not have autocomplete");
    assertThatThrownBy(
            () ->
                f.sim
                    .control()
                    .autocomplete(f.guild.id, general.id, f.alice, "fruit", Json.object(), "kind"))
        .isInstanceOfSatisfying(
            ControlException.class,
            e -> {
              assertThat(e.status()).isEqualTo(504);
              assertThat(e.getMessage()).contains("testbot did not answer");
            });
  }
}
