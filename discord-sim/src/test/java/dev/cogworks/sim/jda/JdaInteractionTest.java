package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Real JDA against discord-sim: slash commands, autocomplete, follow-ups, components")
@ParameterizedClass(name = "compression {0}")
@EnumSource(
    value = Compression.class,
    names = {"NONE", "ZLIB"})
class JdaInteractionTest {
  @Parameter Compression compression;

  private static DiscordSim sim;
  private static JDA jda;
  private static SimGuild guild;
  private static SimChannel general;
  private static long alice;
  private static final Map<String, Object> seen = new ConcurrentHashMap<>();
  private static final List<Long> received = new CopyOnWriteArrayList<>();
  private static final List<String> FRUITS = List.of("Apple", "Banana", "Peach", "Pear");

  @BeforeParameterizedClassInvocation
  static void start(Compression compression) throws Exception {
    // Command writes are limited to 5 per 20 s; these tests register often, so scale time down.
    sim =
        DiscordSim.start(
            SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.05)));
    guild = SandboxSeed.apply(sim.control());
    general = sim.control().channelByName(guild.id, "general").orElseThrow();
    alice = sim.control().userByName("alice").orElseThrow().id;
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    jda =
        SimJda.builder(sim, bot, compression)
            .addEventListeners(new Handlers())
            .build()
            .awaitReady();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    jda.shutdownNow();
    sim.close();
  }

  /** The bot under test: answers commands in the ways a real bot does. */
  static final class Handlers extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      seen.put(event.getFullCommandName(), event);
      switch (event.getFullCommandName()) {
        case "echo" -> event.reply("echo: " + event.getOption("text").getAsString()).queue();
        case "slow" ->
            // The follow-up waits for the edit: sent first, it would fill in the loading message.
            event
                .deferReply()
                .queue(
                    hook ->
                        hook.editOriginal("done after thinking")
                            .flatMap(edited -> hook.sendMessage("and a follow-up"))
                            .queue());
        case "think" -> event.deferReply().queue();
        case "ponder" -> event.deferReply(true).queue();
        case "whisper" ->
            event
                .deferReply()
                .flatMap(hook -> hook.deleteOriginal())
                .flatMap(deleted -> event.getHook().sendMessage("psst").setEphemeral(true))
                .queue();
        case "fruit" -> event.reply("you chose " + event.getOption("kind").getAsString()).queue();
        case "role show" -> {
          User user = event.getOption("who").getAsUser();
          event
              .reply(user.getName() + " has " + event.getOption("role").getAsRole().getName())
              .setEphemeral(true)
              .queue();
        }
        case "menu" ->
            event
                .reply("pick")
                .setComponents(
                    ActionRow.of(
                        Button.primary("yes", "Yes"),
                        Button.danger("no", "No"),
                        Button.secondary("later", "Later")),
                    ActionRow.of(
                        StringSelectMenu.create("fruit")
                            .addOption("Apple", "apple")
                            .addOption("Pear", "pear")
                            .build()))
                .queue();
        default -> event.reply("unknown").queue();
      }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      seen.put("button", event.getComponentId());
      if (event.getComponentId().equals("later")) {
        event.deferEdit().flatMap(hook -> hook.editOriginal("edited later")).queue();
      } else {
        event.editMessage("clicked " + event.getComponentId()).queue();
      }
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
      AutoCompleteQuery focused = event.getFocusedOption();
      seen.put("autocomplete " + focused.getName(), event);
      if (focused.getName().equals("count")) {
        long typed = Long.parseLong(focused.getValue());
        event.replyChoiceLongs(typed * 10, typed * 10 + 1, typed * 10 + 2).queue();
        return;
      }
      String prefix = focused.getValue().toLowerCase(Locale.ROOT);
      event
          .replyChoices(
              FRUITS.stream()
                  .filter(f -> f.toLowerCase(Locale.ROOT).startsWith(prefix))
                  .map(f -> new Command.Choice(f, f.toLowerCase(Locale.ROOT)))
                  .toList())
          .queue();
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
      received.add(event.getMessageIdLong());
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent event) {
      seen.put("select", event.getValues());
      event.reply("you picked " + event.getValues()).queue();
    }
  }

  private static List<Command> registerGuildCommands() {
    Guild jdaGuild = jda.getGuildById(guild.id);
    return jdaGuild
        .updateCommands()
        .addCommands(
            Commands.slash("echo", "Echo text")
                .addOption(OptionType.STRING, "text", "what to echo", true),
            Commands.slash("slow", "Defers, then edits"),
            Commands.slash("menu", "Shows components"),
            Commands.slash("fruit", "Picks a fruit")
                .addOptions(
                    new OptionData(OptionType.STRING, "kind", "which fruit", true, true),
                    new OptionData(OptionType.INTEGER, "count", "how many", false, true)),
            Commands.slash("think", "Defers; the answer comes from elsewhere"),
            Commands.slash("ponder", "Defers ephemerally"),
            Commands.slash("whisper", "Defers, deletes the original, whispers"),
            Commands.slash("role", "Roles")
                .addSubcommands(
                    new SubcommandData("show", "Show a role")
                        .addOption(OptionType.USER, "who", "member", true)
                        .addOption(OptionType.ROLE, "role", "role", true)))
        .complete();
  }

  private static SimMessage stored(long messageId) {
    return sim.control().messages(general.id).stream()
        .filter(m -> m.id == messageId)
        .findFirst()
        .orElseThrow();
  }

  /** Runs /menu and returns the message with its buttons and select menu. */
  private static SimMessage showMenu() {
    SimInteraction interaction =
        sim.control().runCommand(guild.id, general.id, alice, "menu", null);
    await().atMost(Duration.ofSeconds(5)).until(() -> interaction.originalMessageId != null);
    return stored(interaction.originalMessageId);
  }

  private static SimInteraction acknowledged(String command) {
    SimInteraction interaction =
        sim.control().runCommand(guild.id, general.id, alice, command, null);
    await().atMost(Duration.ofSeconds(5)).until(interaction::acknowledged);
    return interaction;
  }

  private static List<String> contents() {
    return sim.control().messages(general.id).stream()
        .filter(m -> !m.deleted())
        .map(m -> m.content)
        .toList();
  }

  @Test
  @DisplayName("Commands registered in bulk come back with ids; re-registering keeps the ids")
  void registersCommands() {
    List<Command> first = registerGuildCommands();
    List<Command> second = registerGuildCommands();
    List<Command> global =
        jda.updateCommands().addCommands(Commands.slash("ping", "Ping")).complete();

    assertThat(first)
        .extracting(Command::getName)
        .containsExactly("echo", "slow", "menu", "fruit", "think", "ponder", "whisper", "role");
    assertThat(second)
        .extracting(Command::getIdLong)
        .isEqualTo(first.stream().map(Command::getIdLong).toList());
    assertThat(jda.getGuildById(guild.id).retrieveCommands().complete()).hasSize(8);
    assertThat(global).singleElement().satisfies(c -> assertThat(c.getName()).isEqualTo("ping"));
    assertThat(sim.control().state().commands.values())
        .extracting(SimCommand::name)
        .contains("echo", "ping");
  }

  @Test
  @DisplayName("A slash command reaches JDA with its options and the reply appears in the channel")
  void answersSlashCommand() {
    registerGuildCommands();
    ObjectNode options = Json.object().put("text", "hi there");

    sim.control().runCommand(guild.id, general.id, alice, "echo", options);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(contents()).contains("echo: hi there"));
    SlashCommandInteractionEvent event = (SlashCommandInteractionEvent) seen.get("echo");
    assertThat(event.getUser().getName()).isEqualTo("alice");
    assertThat(event.getChannel().getIdLong()).isEqualTo(general.id);
    assertThat(event.getMember()).isNotNull();
  }

  @Test
  @DisplayName("A deferred reply is edited through @original and followed up through the webhook")
  void defersEditsAndFollowsUp() {
    registerGuildCommands();

    sim.control().runCommand(guild.id, general.id, alice, "slow", null);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(contents()).contains("done after thinking", "and a follow-up"));
    SimMessage original =
        sim.control().messages(general.id).stream()
            .filter(m -> m.content.equals("done after thinking"))
            .findFirst()
            .orElseThrow();
    assertThat(original.flags & 128).as("loading flag cleared").isZero();
    assertThat(original.history).hasSize(1);
  }

  @Test
  @DisplayName("Subcommand options of type user and role arrive resolved")
  void resolvesUserAndRoleOptions() {
    registerGuildCommands();

    sim.control()
        .runCommand(
            guild.id,
            general.id,
            alice,
            "role show",
            Json.object().put("who", "bob").put("role", "Administrator"));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(contents()).contains("bob has Administrator"));
    SimMessage reply =
        sim.control().messages(general.id).stream()
            .filter(m -> m.content.equals("bob has Administrator"))
            .findFirst()
            .orElseThrow();
    assertThat(reply.flags & 64).as("ephemeral").isEqualTo(64);
  }

  @Test
  @DisplayName(
      "Clicking a button and choosing from a select menu reach JDA as component interactions")
  void handlesComponents() {
    registerGuildCommands();
    SimMessage menu = showMenu();

    sim.control().clickComponent(menu.id, alice, "yes", null);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(contents()).contains("clicked yes"));
    sim.control().clickComponent(menu.id, alice, "fruit", Json.array().add("pear"));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(contents()).contains("you picked [pear]"));
    assertThat(seen.get("button")).isEqualTo("yes");
    assertThat(seen.get("select")).isEqualTo(List.of("pear"));
    TextChannel channel = jda.getTextChannelById(general.id);
    assertThat(channel.retrieveMessageById(menu.id).complete().getContentRaw())
        .isEqualTo("clicked yes");
  }

  @Test
  @DisplayName(
      "Autocomplete: the bot gets the typed options with the focused one, its choices come back")
  void autocompletes() {
    registerGuildCommands();

    ArrayNode kinds =
        sim.control()
            .autocomplete(
                guild.id, general.id, alice, "fruit", Json.object().put("kind", "pe"), "kind");
    ArrayNode counts =
        sim.control()
            .autocomplete(
                guild.id,
                general.id,
                alice,
                "fruit",
                Json.object().put("kind", "pear").put("count", "1"),
                "count");

    assertThat(kinds).extracting(c -> c.path("name").asText()).containsExactly("Peach", "Pear");
    assertThat(kinds).extracting(c -> c.path("value").asText()).containsExactly("peach", "pear");
    assertThat(counts).extracting(c -> c.path("value").asLong()).containsExactly(10L, 11L, 12L);
    assertThat(counts).allSatisfy(c -> assertThat(c.path("value").isIntegralNumber()).isTrue());
    var event = (CommandAutoCompleteInteractionEvent) seen.get("autocomplete count");
    assertThat(event.getFocusedOption().getValue()).isEqualTo("1");
    assertThat(event.getOption("kind").getAsString()).isEqualTo("pear");
    assertThat(event.getUser().getName()).isEqualTo("alice");
  }

  @Test
  @DisplayName(
      "Right after a deferred reply, a follow-up fills in the loading message; the next one is new")
  void firstFollowUpFillsInDeferredReply() {
    registerGuildCommands();
    SimInteraction interaction = acknowledged("think");
    // Any process holding the token can answer, as Cogworks' relay workers do.
    InteractionHook hook = InteractionHook.from(jda, interaction.token);

    Message first = hook.sendMessage("the answer").complete();
    Message second = hook.sendMessage("and more").complete();

    assertThat(first.getIdLong()).isEqualTo(interaction.originalMessageId);
    SimMessage original = stored(first.getIdLong());
    assertThat(original.content).isEqualTo("the answer");
    assertThat(original.loading()).isFalse();
    assertThat(original.history).extracting(SimMessage.Revision::content).containsExactly("");
    assertThat(second.getIdLong()).isNotEqualTo(first.getIdLong());
    assertThat(stored(second.getIdLong()).content).isEqualTo("and more");
  }

  @Test
  @DisplayName(
      "A deferred ephemeral reply stays ephemeral when a follow-up fills it in; bots never see it")
  void ephemeralStaysHiddenFromBots() {
    registerGuildCommands();
    SimInteraction interaction = acknowledged("ponder");

    Message filled =
        InteractionHook.from(jda, interaction.token).sendMessage("only for alice").complete();
    long marker = sim.control().postMessage(general.id, alice, "marker").id;

    assertThat(filled.getIdLong()).isEqualTo(interaction.originalMessageId);
    assertThat(stored(filled.getIdLong()).ephemeral()).isTrue();
    TextChannel channel = jda.getTextChannelById(general.id);
    assertThatThrownBy(() -> channel.retrieveMessageById(filled.getIdLong()).complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
    assertThat(channel.getHistory().retrievePast(100).complete())
        .extracting(Message::getIdLong)
        .contains(marker)
        .doesNotContain(filled.getIdLong());
    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(marker));
    assertThat(received).doesNotContain(filled.getIdLong());
  }

  @Test
  @DisplayName(
      "After the original response is deleted, an ephemeral follow-up is a new ephemeral message")
  void deletedOriginalThenEphemeralFollowUp() {
    registerGuildCommands();

    SimInteraction interaction =
        sim.control().runCommand(guild.id, general.id, alice, "whisper", null);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(interaction.messageIds).hasSize(2));
    SimMessage original = stored(interaction.originalMessageId);
    SimMessage whisper =
        interaction.messageIds.stream()
            .filter(id -> id != original.id)
            .map(JdaInteractionTest::stored)
            .findFirst()
            .orElseThrow();
    assertThat(original.deleted()).isTrue();
    assertThat(whisper.content).isEqualTo("psst");
    assertThat(whisper.ephemeral()).isTrue();
    assertThat(whisper.interactionMetadata.at("/user/username").asText()).isEqualTo("alice");
  }

  @Test
  @DisplayName("An interaction token addresses only its own messages: another one is 10008")
  void tokenAddressesOnlyItsOwnMessages() {
    registerGuildCommands();
    SimInteraction first = acknowledged("think");
    SimInteraction second = acknowledged("think");
    InteractionHook hook = InteractionHook.from(jda, second.token);

    Message edited = hook.editOriginal("mine").complete();

    assertThat(edited.getContentRaw()).isEqualTo("mine");
    assertThatThrownBy(() -> hook.editMessageById(first.originalMessageId, "theirs").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
    assertThat(stored(first.originalMessageId).loading()).isTrue();
  }

  @Test
  @DisplayName("A deferred component update edits the clicked message through @original")
  void deferredUpdateEditsTheClickedMessage() {
    registerGuildCommands();
    SimMessage menu = showMenu();

    sim.control().clickComponent(menu.id, alice, "later", null);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(menu.content).isEqualTo("edited later"));
  }
}
