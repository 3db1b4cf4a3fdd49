package dev.cogworks.app.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ScriptedAssistantCog;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation queue's limits, which do not depend on the messaging mode: capacity, a server's
 * share, the cool-down, the daily quota, expiry, and a request cut short by two restarts.
 */
@DisplayName("Conversation queue limits (in_process)")
class ConversationLimitsTest extends ConversationSteps {
  static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(4);
  static final Duration COOLDOWN = Duration.ofSeconds(2);

  @RegisterExtension
  static final PlatformHarness bot =
      harness("in_process")
          .config("conversation.max_queue_size", 3)
          .config("conversation.server_share", 0.67)
          .config("conversation.daily_quota", 3)
          .config("conversation.user_cooldown", COOLDOWN.toMillis() + "ms")
          .config("conversation.queue_timeout", QUEUE_TIMEOUT.toMillis() + "ms");

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Test
  @DisplayName("A full queue and a server's share are told, and nothing is queued")
  void capacityAndServerShare() {
    SimMessage held = ask(person(), "hold the line");
    awaitContent(general(), held.id, "Thinking");
    SimMessage second = ask(person(), "second");
    awaitContent(general(), second.id, "position 1 of 1");

    String third = person();
    SimMessage refused = bot().post(third, general(), "!ask third here");
    SimMessage share =
        bot().awaitReply(general(), "^This server already has 2 questions in the queue");
    assertThat(share.referencedMessage.id).isEqualTo(refused.id);

    SimGuild other = bot().newGuild("Limits " + System.nanoTime() % 1000, "admin", third, "bob");
    SimChannel lobby = bot().channel(other, "lobby");
    SimMessage elsewhere = bot().post(third, lobby, "!ask from another server");
    awaitContent(lobby, statusOf(lobby, elsewhere).id, "position 2 of 2");
    bot().post("bob", lobby, "!ask one too many");
    bot().awaitReply(lobby, "^The queue is full \\(3 questions\\); nothing was queued");

    ScriptedAssistantCog.release();
    awaitContent(lobby, statusOf(lobby, elsewhere).id, "^answer to: from another server");
  }

  @Test
  @DisplayName("Cool-down between a person's questions, then a daily quota")
  void cooldownAndQuota() {
    ScriptedAssistantCog.release();
    String user = person();
    awaitContent(general(), ask(user, "one").id, "^answer to: one");
    bot().post(user, general(), "!ask two");
    bot().awaitReply(general(), "^Please wait [12] s before asking again\\.$");
    for (String question : new String[] {"two", "three"}) {
      await().pollDelay(COOLDOWN).atMost(COOLDOWN.multipliedBy(3)).until(() -> true);
      awaitContent(general(), ask(user, question).id, "^answer to: " + question);
    }
    await().pollDelay(COOLDOWN).atMost(COOLDOWN.multipliedBy(3)).until(() -> true);
    bot().post(user, general(), "!ask four");
    bot().awaitReply(general(), "^You have asked 3 questions today, the daily limit");
  }

  @Test
  @DisplayName("A question that waits past conversation.queue_timeout expires, and is told so")
  void expiry() {
    SimMessage held = ask(person(), "hold for expiry");
    awaitContent(general(), held.id, "Thinking");
    String waiter = person();
    SimMessage waiting = ask(waiter, "will expire");
    awaitContent(general(), waiting.id, "position 1 of 1");
    await("expiry")
        .atLeast(QUEUE_TIMEOUT.minusMillis(500))
        .atMost(QUEUE_TIMEOUT.multipliedBy(4))
        .until(() -> message(general(), waiting.id).content.startsWith("⌛"));
    assertThat(message(general(), waiting.id).content)
        .isEqualTo(
            "⌛ This request waited longer than 4 s and was dropped; nothing was answered. Ask"
                + " again when you like.");
    assertThat(
            count(
                "SELECT count(*) FROM conversation_request WHERE user_id = ? AND status ="
                    + " 'EXPIRED'",
                bot().user(waiter).id))
        .isEqualTo(1);
    ScriptedAssistantCog.release();
    awaitContent(general(), held.id, "^answer to: hold for expiry");
  }

  @Test
  @DisplayName("Cut short by two restarts: retried once, then FAILED with a message")
  void twoRestartsFail() throws InterruptedException {
    String user = person();
    SimMessage held = ask(user, "hold through two restarts");
    awaitContent(general(), held.id, "Thinking");
    bot().restartBot();
    await().atMost(Duration.ofSeconds(20)).until(() -> ScriptedAssistantCog.calls.size() == 2);
    bot().restartBot();
    awaitContent(
        general(), held.id, "^⚠️ Sorry, no answer this time: the bot restarted twice while");
    assertThat(
            count(
                "SELECT count(*) FROM conversation_request WHERE user_id = ? AND status ="
                    + " 'FAILED' AND attempts = 2",
                bot().user(user).id))
        .isEqualTo(1);
    ScriptedAssistantCog.release();
  }
}
