package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.browser.HeadlessChromium;
import dev.cogworks.sim.jda.SimJda;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.state.SimEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The chat page in a real headless Chromium (Debian's, driven through its ChromeDriver). One "bot"
 * is plain REST calls, so most tests are about the page and the control API; where the page must
 * wait for a bot's answer (autocomplete, follow-ups), a real JDA bot answers.
 */
@DisplayName("The chat page in headless Chromium")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatPageBrowserTest {
  private static DiscordSim sim;
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;
  private static SimHttp bot;
  private static SimBot botAccount;
  private static SimGuild guild;
  private static SimChannel general;
  private static final List<SimInteraction> interactions = new CopyOnWriteArrayList<>();
  private static final List<String> autocompleted = new CopyOnWriteArrayList<>();
  private static JDA jda;

  @BeforeAll
  static void start() throws Exception {
    sim = DiscordSim.start();
    guild = SandboxSeed.apply(sim.control());
    general = sim.control().channelByName(guild.id, "general").orElseThrow();
    botAccount = sim.control().createBot("testbot", PrivilegedIntent.all());
    bot = new SimHttp(sim, botAccount.token);
    sim.control()
        .state()
        .addListener(
            event -> {
              if (event instanceof SimEvent.InteractionCreated created) {
                interactions.add(created.interaction());
              }
            });
    registerEcho();
    bot.post(
        "channels/" + general.id + "/messages",
        "{\"content\":\"status report\",\"embeds\":[{\"title\":\"All systems go\","
            + "\"description\":\"**3** cogs loaded\",\"color\":5763719,"
            + "\"fields\":[{\"name\":\"queue\",\"value\":\"0\",\"inline\":true}]}]}");
    bot.post(
        "channels/" + general.id + "/messages",
        "{\"content\":\"pick one\",\"components\":["
            + "{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"Yes\",\"custom_id\":\"yes\"}]},"
            + "{\"type\":1,\"components\":[{\"type\":3,\"custom_id\":\"fruit\",\"options\":["
            + "{\"label\":\"Apple\",\"value\":\"apple\"},{\"label\":\"Pear\",\"value\":\"pear\"}]}]}]}");
    jda =
        SimJda.builder(
                sim, sim.control().createBot("cogworks", PrivilegedIntent.all()), Compression.ZLIB)
            .enableIntents(GatewayIntent.DIRECT_MESSAGES)
            .addEventListeners(new FruitBot())
            .build()
            .awaitReady();
    jda.getGuildById(guild.id)
        .updateCommands()
        .addCommands(
            Commands.slash("fruit", "Pick a fruit")
                .addOptions(new OptionData(OptionType.STRING, "kind", "which fruit", true, true)),
            Commands.slash("whisper", "Answers only you"))
        .complete();
    // Global: /greet may run in DMs with the bot, /stats only in servers.
    jda.updateCommands()
        .addCommands(
            Commands.slash("greet", "Greets you")
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM),
            Commands.slash("stats", "Server statistics").setContexts(InteractionContextType.GUILD))
        .complete();
    chromium = HeadlessChromium.start(1280, 900);
    browser = chromium.driver();
    browser.get(sim.baseUrl());
    waitFor(
        () -> !browser.findElements(By.cssSelector("#channel-list [data-channel-id]")).isEmpty());
  }

  /**
   * A real JDA bot: suggests fruits as the user types, whispers through a follow-up, and answers
   * direct messages privately.
   */
  private static final class FruitBot extends ListenerAdapter {
    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
      if (!event.isFromGuild() && !event.getAuthor().isBot()) {
        event
            .getAuthor()
            .openPrivateChannel()
            .flatMap(
                dm ->
                    dm.sendMessage(
                        "hi "
                            + event.getAuthor().getName()
                            + ", you said: "
                            + event.getMessage().getContentRaw()))
            .queue();
      }
    }

    private static final List<String> FRUITS = List.of("Apple", "Banana", "Peach", "Pear");

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
      String typed = event.getFocusedOption().getValue();
      autocompleted.add(typed);
      event
          .replyChoices(
              FRUITS.stream()
                  .filter(
                      f -> f.toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT)))
                  .map(f -> new Command.Choice(f, f.toLowerCase(Locale.ROOT)))
                  .toList())
          .queue();
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      if (event.getName().equals("greet")) {
        event
            .reply("greetings, " + event.getUser().getName())
            .flatMap(sent -> event.getHook().sendMessage("just for you").setEphemeral(true))
            .queue();
        return;
      }
      if (event.getName().equals("fruit")) {
        event.reply("you chose " + event.getOption("kind").getAsString()).queue();
        return;
      }
      // Defers in public, then swaps the thinking message for an ephemeral follow-up.
      event
          .deferReply()
          .flatMap(hook -> hook.deleteOriginal())
          .flatMap(deleted -> event.getHook().sendMessage("psst, only for you").setEphemeral(true))
          .queue();
    }
  }

  private static void registerEcho() {
    SimHttp.Answer answer =
        bot.send(
            "PUT",
            "applications/" + botAccount.applicationId() + "/guilds/" + guild.id + "/commands",
            "[{\"name\":\"echo\",\"description\":\"Echo text\",\"type\":1,\"options\":"
                + "[{\"type\":3,\"name\":\"text\",\"description\":\"what to echo\",\"required\":true}]}]");
    assertThat(answer.status()).isEqualTo(200);
  }

  /** Saves what the page shows to target/NAME.png, for a person to look at. */
  private static void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      screenshot("chat-page");
      chromium.close();
    }
    if (jda != null) {
      jda.shutdownNow();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(condition);
  }

  private static WebElement messageContaining(String text) {
    waitFor(() -> pageText().contains(text));
    return browser.findElements(By.cssSelector("#messages .message")).stream()
        .filter(m -> m.getText().contains(text))
        .findFirst()
        .orElseThrow();
  }

  private static String pageText() {
    return browser.findElement(By.id("messages")).getText();
  }

  private static void actAs(String username) {
    new Select(browser.findElement(By.id("user-picker"))).selectByVisibleText(username);
  }

  @Test
  @Order(1)
  @DisplayName("Shows the bot's messages with embeds, buttons and select menus")
  void rendersBotMessages() {
    browser.findElement(By.cssSelector("[data-channel-id='" + general.id + "']")).click();

    WebElement status = messageContaining("status report");
    WebElement menu = messageContaining("pick one");

    assertThat(status.findElement(By.cssSelector(".embed")).getText())
        .contains("All systems go", "3 cogs loaded", "queue");
    assertThat(status.findElement(By.cssSelector(".bot-tag")).getText()).isEqualTo("BOT");
    assertThat(menu.findElement(By.cssSelector("button.component[data-custom-id='yes']")).getText())
        .isEqualTo("Yes");
    assertThat(menu.findElements(By.cssSelector("select.component[data-custom-id='fruit'] option")))
        .extracting(WebElement::getText)
        .contains("Apple", "Pear");
  }

  @Test
  @Order(2)
  @DisplayName("Typing a message and pressing Enter posts it as the chosen user")
  void sendsMessages() {
    actAs("alice");

    browser.findElement(By.id("composer")).sendKeys("hello from the browser", Keys.ENTER);

    messageContaining("hello from the browser");
    SimMessage sent =
        sim.control().messages(general.id).stream()
            .filter(m -> m.content.equals("hello from the browser"))
            .findFirst()
            .orElseThrow();
    assertThat(sent.author.username).isEqualTo("alice");
  }

  @Test
  @Order(3)
  @DisplayName("Clicking a button and choosing in a select menu start component interactions")
  void clicksComponents() {
    actAs("bob");
    WebElement menu = messageContaining("pick one");

    menu.findElement(By.cssSelector("button.component[data-custom-id='yes']")).click();
    waitFor(
        () -> interactions.stream().anyMatch(i -> i.type == 3 && i.user.username.equals("bob")));
    new Select(menu.findElement(By.cssSelector("select.component[data-custom-id='fruit']")))
        .selectByVisibleText("Pear");

    waitFor(() -> interactions.stream().filter(i -> i.type == 3).count() == 2);
    assertThat(interactions)
        .filteredOn(i -> i.type == 3)
        .allSatisfy(i -> assertThat(i.user.username).isEqualTo("bob"));
  }

  @Test
  @Order(4)
  @DisplayName("Runs a slash command from its form; the bot's reply appears live")
  void runsSlashCommands() {
    actAs("alice");
    interactions.clear();
    WebElement composer = browser.findElement(By.id("composer"));
    composer.sendKeys("/ec");
    waitFor(
        () -> !browser.findElements(By.cssSelector(".suggestion[data-command='echo']")).isEmpty());
    browser.findElement(By.cssSelector(".suggestion[data-command='echo']")).click();
    browser.findElement(By.cssSelector("#command-form [name='text']")).sendKeys("hi");

    browser.findElement(By.id("command-submit")).click();

    waitFor(() -> interactions.size() == 1);
    SimInteraction interaction = interactions.get(0);
    assertThat(interaction.type).isEqualTo(2);
    assertThat(interaction.user.username).isEqualTo("alice");
    SimHttp.Answer reply =
        bot.post(
            "interactions/" + interaction.id + "/" + interaction.token + "/callback",
            "{\"type\":4,\"data\":{\"content\":\"echo: hi\"}}");
    assertThat(reply.status()).isEqualTo(204);
    messageContaining("echo: hi");
    assertThat(messageContaining("echo: hi").getText()).contains("alice used a command");
  }

  @Test
  @Order(5)
  @DisplayName("Edits show live with (edited); deletions disappear")
  void followsEditsAndDeletes() {
    SimMessage status =
        sim.control().messages(general.id).stream()
            .filter(m -> m.content.equals("status report"))
            .findFirst()
            .orElseThrow();
    SimMessage menu =
        sim.control().messages(general.id).stream()
            .filter(m -> m.content.equals("pick one"))
            .findFirst()
            .orElseThrow();

    bot.send(
        "PATCH",
        "channels/" + general.id + "/messages/" + status.id,
        "{\"content\":\"status report, revised\"}");
    bot.send("DELETE", "channels/" + general.id + "/messages/" + menu.id, null);

    assertThat(
            messageContaining("status report, revised")
                .findElement(By.cssSelector(".edited"))
                .getText())
        .isEqualTo("(edited)");
    waitFor(() -> !pageText().contains("pick one"));
  }

  @Test
  @Order(6)
  @DisplayName("An unknown slash command is answered with a visible error, not silence")
  void showsErrors() {
    WebElement composer = browser.findElement(By.id("composer"));
    composer.clear();

    composer.sendKeys("/nosuchcommand", Keys.ENTER);

    waitFor(() -> browser.findElement(By.id("error")).isDisplayed());
    assertThat(browser.findElement(By.id("error")).getText()).contains("/nosuchcommand");
  }

  @Test
  @Order(7)
  @DisplayName(
      "Typing into an autocomplete option shows the bot's suggestions; choosing one fills the value")
  void autocompletesOptions() throws Exception {
    actAs("alice");
    WebElement composer = browser.findElement(By.id("composer"));
    composer.clear();
    composer.sendKeys("/fru");
    waitFor(
        () -> !browser.findElements(By.cssSelector(".suggestion[data-command='fruit']")).isEmpty());
    browser.findElement(By.cssSelector(".suggestion[data-command='fruit']")).click();
    WebElement kind = browser.findElement(By.cssSelector("#command-form [name='kind']"));

    kind.sendKeys("pe");

    By choices = By.cssSelector("[data-choices-for='kind'] .choice");
    waitFor(
        () ->
            browser.findElements(choices).stream()
                .map(WebElement::getText)
                .toList()
                .equals(List.of("Peach", "Pear")));
    assertThat(autocompleted).last().isEqualTo("pe");
    screenshot("chat-page-autocomplete");
    browser.findElement(By.cssSelector("[data-choices-for='kind'] [data-value='peach']")).click();
    assertThat(kind.getAttribute("value")).isEqualTo("peach");
    assertThat(browser.findElement(By.cssSelector("[data-choices-for='kind']")).isDisplayed())
        .isFalse();
    browser.findElement(By.id("command-submit")).click();
    messageContaining("you chose peach");
  }

  @Test
  @Order(8)
  @DisplayName("A reply shows whom and what it replies to")
  void showsReplies() {
    SimMessage hello =
        sim.control().messages(general.id).stream()
            .filter(m -> m.content.equals("hello from the browser"))
            .findFirst()
            .orElseThrow();

    bot.post(
        "channels/" + general.id + "/messages",
        "{\"content\":\"hello, alice\",\"message_reference\":{\"message_id\":\""
            + hello.id
            + "\"}}");

    assertThat(messageContaining("hello, alice").findElement(By.cssSelector(".reply-to")).getText())
        .isEqualTo("↪ replying to alice: hello from the browser");
  }

  @Test
  @Order(9)
  @DisplayName("An ephemeral follow-up shows only to the user who ran the command, marked as such")
  void showsEphemeralFollowUpsOnlyToTheInvoker() {
    actAs("alice");
    WebElement composer = browser.findElement(By.id("composer"));
    composer.clear();
    composer.sendKeys("/whisper");
    waitFor(
        () ->
            !browser.findElements(By.cssSelector(".suggestion[data-command='whisper']")).isEmpty());
    browser.findElement(By.cssSelector(".suggestion[data-command='whisper']")).click();
    browser.findElement(By.id("command-submit")).click();

    WebElement whisper = messageContaining("psst, only for you");
    assertThat(whisper.findElement(By.cssSelector(".note")).getText())
        .isEqualTo("Only you can see this");
    actAs("bob");
    waitFor(() -> !pageText().contains("psst, only for you"));
    actAs("alice");
    messageContaining("psst, only for you");
  }

  @Test
  @Order(10)
  @DisplayName("Enter and Tab pick the highlighted slash suggestion instead of sending the text")
  void enterAndTabPickSuggestions() throws Exception {
    actAs("alice");
    WebElement composer = browser.findElement(By.id("composer"));
    composer.clear();
    composer.sendKeys("/fr");
    waitFor(() -> !browser.findElements(By.cssSelector(".suggestion.highlighted")).isEmpty());
    screenshot("chat-page-suggestions");

    composer.sendKeys(Keys.ENTER);

    waitFor(() -> browser.findElement(By.id("command-form")).isDisplayed());
    assertThat(browser.findElement(By.id("command-form")).getText()).contains("/fruit");
    assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    browser.findElement(By.cssSelector("#command-form .cancel")).click();
    composer.clear();
    composer.sendKeys("/whi");
    waitFor(() -> !browser.findElements(By.cssSelector(".suggestion.highlighted")).isEmpty());

    composer.sendKeys(Keys.TAB);

    waitFor(() -> browser.findElement(By.id("command-form")).isDisplayed());
    assertThat(browser.findElement(By.id("command-form")).getText()).contains("/whisper");
    assertThat(sim.control().messages(general.id))
        .noneMatch(m -> m.content.equals("/fr") || m.content.equals("/whi"));
    browser.findElement(By.cssSelector("#command-form .cancel")).click();
  }

  @Test
  @Order(11)
  @DisplayName(
      "A user picks the bot under Direct messages, writes to it privately and sees its answer;"
          + " the server channel does not show it")
  void talksToTheBotPrivately() throws Exception {
    actAs("bob");
    long cogworks = sim.control().userByName("cogworks").orElseThrow().id;
    browser.findElement(By.cssSelector("[data-dm-bot-id='" + cogworks + "']")).click();
    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("cogworks"));
    WebElement composer = browser.findElement(By.id("composer"));
    composer.clear();

    composer.sendKeys("psst, bot", Keys.ENTER);

    messageContaining("hi bob, you said: psst, bot");
    screenshot("chat-page-dm");
    SimChannel dm =
        sim.control().openDirectMessage(sim.control().userByName("bob").orElseThrow().id, cogworks);
    assertThat(sim.control().messages(dm.id))
        .extracting(m -> m.content)
        .containsExactly("psst, bot", "hi bob, you said: psst, bot");
    browser.findElement(By.cssSelector("[data-channel-id='" + general.id + "']")).click();
    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("general"));
    assertThat(pageText()).doesNotContain("psst, bot");
  }

  @Test
  @Order(12)
  @DisplayName("A bot removed from the server and invited back is announced where people see it")
  void showsBotRemovedAndInvited() {
    SimHttp control = SimHttp.control(sim);
    control.send("DELETE", "_sim/guilds/" + guild.id + "/members/" + botAccount.user.id, null);
    waitFor(() -> pageText().contains("testbot was removed from the server"));
    control.post(
        "_sim/guilds/" + guild.id + "/bots", "{\"bot_id\":\"" + botAccount.user.id + "\"}");
    waitFor(() -> pageText().contains("testbot joined the server"));
  }

  @Test
  @Order(13)
  @DisplayName(
      "In a DM the slash suggestions are the bot's global commands allowed there; Enter picks one"
          + " and its answers show in the DM")
  void runsSlashCommandsInADm() throws Exception {
    actAs("alice");
    long cogworks = sim.control().userByName("cogworks").orElseThrow().id;
    browser.findElement(By.cssSelector("[data-dm-bot-id='" + cogworks + "']")).click();
    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("cogworks"));
    WebElement composer = browser.findElement(By.id("composer"));
    composer.clear();

    composer.sendKeys("/");

    waitFor(() -> !browser.findElements(By.cssSelector(".suggestion.highlighted")).isEmpty());
    assertThat(browser.findElements(By.cssSelector(".suggestion")))
        .extracting(e -> e.getAttribute("data-command"))
        .containsExactly("greet");
    composer.sendKeys("gr", Keys.ENTER);
    waitFor(() -> browser.findElement(By.id("command-form")).isDisplayed());
    browser.findElement(By.id("command-submit")).click();
    messageContaining("greetings, alice");
    WebElement whisper = messageContaining("just for you");
    assertThat(whisper.findElement(By.cssSelector(".note")).getText())
        .isEqualTo("Only you can see this");
    SimChannel dm =
        sim.control()
            .openDirectMessage(sim.control().userByName("alice").orElseThrow().id, cogworks);
    assertThat(sim.control().messages(dm.id))
        .extracting(m -> m.content)
        .contains("greetings, alice", "just for you");
    screenshot("chat-page-dm-command");
    browser.findElement(By.cssSelector("[data-channel-id='" + general.id + "']")).click();
    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("general"));
  }

  @Test
  @Order(14)
  @DisplayName("A channel a bot renames and gives a topic shows its new name and topic live")
  void showsChannelRenames() {
    SimChannel music = sim.control().channelByName(guild.id, "music").orElseThrow();
    browser.findElement(By.cssSelector("[data-channel-id='" + music.id + "']")).click();
    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("music"));
    SimBot manager =
        sim.control()
            .createBot(
                "janitor",
                null,
                dev.cogworks.sim.control.SimControl.DEFAULT_BOT_PERMISSIONS
                    | dev.cogworks.sim.model.Permission.MANAGE_CHANNELS,
                PrivilegedIntent.all());

    new SimHttp(sim, manager.token)
        .send("PATCH", "channels/" + music.id, "{\"name\":\"tunes\",\"topic\":\"play it loud\"}");

    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("tunes"));
    assertThat(browser.findElement(By.id("channel-topic")).getText()).isEqualTo("play it loud");
    assertThat(
            browser.findElement(By.cssSelector("[data-channel-id='" + music.id + "']")).getText())
        .isEqualTo("# tunes");
    browser.findElement(By.cssSelector("[data-channel-id='" + general.id + "']")).click();
    waitFor(() -> browser.findElement(By.id("channel-name")).getText().equals("general"));
  }

  @Test
  @Order(20)
  @DisplayName(
      "A message shows whom it pinged; one sent with allowed_mentions restricted shows no one")
  void showsWhoWasPinged() {
    long alice = sim.control().userByName("alice").orElseThrow().id;
    String content = "@everyone look, <@" + alice + ">";

    bot.post("channels/" + general.id + "/messages", "{\"content\":\"" + content + " (loud)\"}");
    bot.post(
        "channels/" + general.id + "/messages",
        "{\"content\":\"" + content + " (quiet)\",\"allowed_mentions\":{\"parse\":[]}}");

    assertThat(messageContaining("(loud)").findElement(By.cssSelector(".pinged")).getText())
        .isEqualTo("🔔 pinged @alice, @everyone");
    assertThat(messageContaining("(quiet)").findElements(By.cssSelector(".pinged"))).isEmpty();
  }
}
