package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.testcogs.PollCog;
import dev.cogworks.sim.model.SimMessage;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Buttons and select menus: clicks routed back to the cog that posted them")
class ComponentsTest {
  @RegisterExtension static final PlatformHarness bot = PlatformHarness.with(new PollCog());

  @Test
  @DisplayName("A click on a button runs its handler with the id's payload; the reply is public")
  void buttonClick() {
    bot.post("alice", "general", "!poll Pizza tonight?");
    SimMessage poll = bot.awaitReply("general", "^\\*\\*Pizza tonight\\?\\*\\*$");

    bot.click("bob", poll, "Yes");

    SimMessage vote = bot.awaitReply("general", "^bob voted yes$");
    assertThat(vote.ephemeral()).isFalse();
    assertThat(poll.content).isEqualTo("**Pizza tonight?**");
  }

  @Test
  @DisplayName(
      "A choice in a select menu gives the handler the values; its ephemeral reply is private")
  void selectMenuChoice() {
    bot.slash("alice", "music", "poll", Map.of("question", "Toppings?"));
    SimMessage poll = bot.awaitReply("music", "^\\*\\*Toppings\\?\\*\\*$");

    bot.choose("bob", poll, "cheese", "basil");

    assertThat(bot.awaitReply("music", "^bob picked cheese, basil$").ephemeral()).isTrue();
  }

  @Test
  @DisplayName(
      "A handler's CommandException answers the clicker alone; the handler may update the message")
  void refusalAndUpdate() {
    bot.post("alice", "markov", "!poll Close me?");
    SimMessage poll = bot.awaitReply("markov", "^\\*\\*Close me\\?\\*\\*$");

    bot.click("bob", poll, "Close");
    SimMessage refused =
        bot.awaitReply("markov", "^Only the person who asked can close this poll\\.$");
    assertThat(refused.ephemeral()).isTrue();

    bot.click("alice", poll, "Close");
    SimMessage closed = bot.awaitReply("markov", "^Poll closed by alice\\.$");
    assertThat(closed.id).isEqualTo(poll.id);
    assertThat(closed.components).isEmpty();
  }

  @Test
  @DisplayName("A button posted before the bot restarted still works after it")
  void survivesRestart() throws Exception {
    bot.post("alice", "roles", "!poll Still there?");
    SimMessage poll = bot.awaitReply("roles", "^\\*\\*Still there\\?\\*\\*$");

    bot.restartBot();
    bot.click("alice", poll, "No");

    bot.awaitReply("roles", "^alice voted no$");
  }

  @Test
  @DisplayName(
      "A click whose handler is gone, whose cog is not running, or that is not ours is refused")
  void staleComponents() {
    bot.post("bob", "general", "!old-poll");
    SimMessage old = bot.awaitReply("general", "^An old poll$");

    bot.click("bob", old, "Retired");
    bot.click("bob", old, "Weather");
    bot.click("bob", old, "Legacy");

    await()
        .untilAsserted(
            () ->
                assertThat(bot.botMessages("general"))
                    .filteredOn(m -> m.content.equals("This button no longer works."))
                    .hasSize(3)
                    .allMatch(SimMessage::ephemeral));
  }
}
