package dev.cogworks.app.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.conversation.AssistantRequest;
import dev.cogworks.api.conversation.ConversationTurn;
import dev.cogworks.app.testcogs.ScriptedAssistantCog;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conversation queue end to end: real JDA against the simulator and the embedded PostgreSQL.
 * Each messaging mode runs it through a subclass.
 */
abstract class ConversationContract extends ConversationSteps {
  @Test
  @DisplayName(
      "!ask: queued in a status message that replies to the question and becomes its answer")
  void askIsAnsweredInItsStatusMessage() {
    String user = person();
    SimMessage status = ask(user, "what's a good name for a \"cat\"?");
    SimMessage answered =
        awaitContent(
            general(),
            status.id,
            "^answer to: what's a good name for a \"cat\"\\? \\(history 0\\)$");
    assertThat(answered.referencedMessage).isNotNull();
    assertThat(answered.mentions).isEmpty();
    assertThat(
            bot().sim().control().messages(general().id).stream()
                .filter(m -> m.id > status.id && m.author.id == bot().botUser().id))
        .as("nothing but the status message answers")
        .isEmpty();
    long userId = bot().user(user).id;
    assertThat(
            count(
                "SELECT count(*) FROM conversation_request WHERE user_id = ? AND status ="
                    + " 'COMPLETED'",
                userId))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM conversation_turn WHERE user_id = ?", userId))
        .as("both sides are kept")
        .isEqualTo(2);
  }

  @Test
  @DisplayName("/ask: acknowledged only to the asker, pointing at a status message in the channel")
  void slashAskIsAcknowledgedEphemerally() {
    String user = person();
    bot().slash(user, general(), "ask", Map.of("message", "hello from slash"));
    SimMessage ack = bot().awaitReply(general(), "^Your question is queued: https://discord.com/");
    assertThat(ack.ephemeral()).isTrue();
    long statusId = Long.parseLong(ack.content.substring(ack.content.lastIndexOf('/') + 1).strip());
    SimMessage status = awaitContent(general(), statusId, "^answer to: hello from slash");
    assertThat(status.ephemeral()).isFalse();
    assertThat(status.content).isEqualTo("answer to: hello from slash (history 0)");
  }

  @Test
  @DisplayName("One request per person; positions shown and edited as the queue moves")
  void oneAtATimeWithPositions() {
    String first = person();
    String second = person();
    String third = person();
    SimMessage held = ask(first, "hold on");
    awaitContent(general(), held.id, "Thinking");
    SimMessage secondStatus = ask(second, "second question");
    SimMessage thirdStatus = ask(third, "third question");
    awaitContent(general(), secondStatus.id, "^⏳ Queued — position 1 of 2$");
    awaitContent(general(), thirdStatus.id, "^⏳ Queued — position 2 of 2$");

    SimMessage again = bot().post(second, general(), "!ask and another");
    SimMessage refused =
        bot().awaitReply(general(), "^You already have a question waiting \\(position 1\\)");
    assertThat(refused.referencedMessage.id).isEqualTo(again.id);
    assertThat(refused.content)
        .contains(
            "https://discord.com/channels/"
                + bot().guild().id
                + "/"
                + general().id
                + "/"
                + secondStatus.id)
        .contains("`conversation cancel`");

    bot().post(second, general(), "!conversation cancel");
    bot().awaitReply(general(), "^Your question is withdrawn; nothing was answered\\.$");
    awaitContent(general(), secondStatus.id, "^✖️ Cancelled; nothing was answered\\.$");
    awaitContent(general(), thirdStatus.id, "^⏳ Queued — position 1 of 1$");

    ScriptedAssistantCog.release();
    awaitContent(general(), held.id, "^answer to: hold on \\(history 0\\)$");
    awaitContent(general(), thirdStatus.id, "^answer to: third question \\(history 0\\)$");
    assertThat(ScriptedAssistantCog.calls.stream().map(AssistantRequest::message))
        .containsExactly("hold on", "third question");
  }

  @Test
  @DisplayName("History: the last 20 messages in order, per person and per server")
  void historyOfTwentyScopedPerPersonAndServer() {
    String user = person();
    long userId = bot().user(user).id;
    long guild = bot().guild().id;
    // Twelve earlier exchanges in this server, as answered questions leave them (asking them one
    // by one would spend a minute on Discord's channel limits); then one more through Discord.
    bot()
        .bot()
        .database()
        .jdbi()
        .useHandle(
            h -> {
              for (int i = 1; i <= 12; i++) {
                java.time.Instant at =
                    java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 60L);
                h.execute(
                    "INSERT INTO conversation_turn (user_id, guild_id, role, content, created_at)"
                        + " VALUES (?, ?, 'USER', ?, ?), (?, ?, 'ASSISTANT', ?, ?)",
                    userId,
                    guild,
                    "q" + i,
                    at,
                    userId,
                    guild,
                    "a" + i,
                    at.plusSeconds(1));
              }
            });
    SimMessage status = ask(user, "q13");
    awaitContent(general(), status.id, "^answer to: q13 \\(history 20\\)$");
    AssistantRequest last = ScriptedAssistantCog.calls.get(ScriptedAssistantCog.calls.size() - 1);
    assertThat(last.message()).isEqualTo("q13");
    assertThat(last.history()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      ConversationTurn turn = last.history().get(i);
      int exchange = i / 2 + 3;
      assertThat(turn.role())
          .isEqualTo(i % 2 == 0 ? ConversationTurn.Role.USER : ConversationTurn.Role.ASSISTANT);
      assertThat(turn.content()).isEqualTo((i % 2 == 0 ? "q" : "a") + exchange);
    }
    assertThat(last.guildId()).hasValue(guild);
    // The answer joined the conversation: the next question sees it last.
    SimMessage next = ask(user, "q14");
    awaitContent(general(), next.id, "\\(history 20\\)$");
    AssistantRequest after = ScriptedAssistantCog.calls.get(ScriptedAssistantCog.calls.size() - 1);
    assertThat(after.history().get(18).content()).isEqualTo("q13");
    assertThat(after.history().get(19).content()).isEqualTo("answer to: q13 (history 20)");

    // Another person here, the same person in another server and in DMs: fresh conversations.
    SimMessage other = ask(person(), "hello");
    awaitContent(general(), other.id, "\\(history 0\\)$");
    SimGuild elsewhere = bot().newGuild("History " + people.incrementAndGet(), "admin", user);
    SimChannel lobby = bot().channel(elsewhere, "lobby");
    SimMessage trigger = bot().post(user, lobby, "!ask in another server");
    SimMessage there = statusOf(lobby, trigger);
    awaitContent(lobby, there.id, "^answer to: in another server \\(history 0\\)$");
  }

  @Test
  @DisplayName("Direct messages: a message is a question, a prefix still runs commands")
  void directMessages() {
    String user = person();
    SimChannel dm = bot().dmChannel(user);
    SimMessage question = bot().dm(user, "what's up? \"quoted\" it's fine");
    SimMessage status = statusOf(dm, question);
    awaitContent(dm, status.id, "^answer to: what's up\\? \"quoted\" it's fine \\(history 0\\)$");
    AssistantRequest asked = ScriptedAssistantCog.calls.get(0);
    assertThat(asked.guildId()).isEmpty();
    assertThat(asked.systemPrompt()).isEmpty();

    bot().dm(user, "!ping");
    bot().awaitReply(dm, "^Pong!");
    bot().dm(user, "!settings show");
    bot().awaitReply(dm, "works in a server only");
    bot().dm(user, "!ask and once more");
    bot().awaitReply(dm, "^answer to: and once more \\(history 2\\)$");

    // What is kept is shown in private, and counts in mydata.
    bot().dm(user, "!mydata show");
    bot()
        .awaitReply(
            dm, "4 message\\(s\\) of your conversation with the assistant in direct messages");

    // Slash commands in the DM: those meant for DMs only, registered globally for them.
    bot().dmSlash(user, "ask", Map.of("message", "by slash in private"));
    SimMessage ack =
        bot().awaitReply(dm, "^Your question is queued: https://discord.com/channels/@me/");
    assertThat(ack.ephemeral()).isTrue();
    bot().awaitReply(dm, "^answer to: by slash in private \\(history 4\\)$");
    assertThatThrownBy(() -> bot().dmSlash(user, "settings show", Map.of()))
        .as("a server-only command is not offered in DMs")
        .hasMessageContaining("BOT_DM");
  }

  @Test
  @DisplayName("A streamed answer grows in its message with few edits, and never pings anyone")
  void streamingIsCoalescedAndPingsNoOne() {
    String user = person();
    long editsBefore = bot().sim().control().stats().messagesEdited();
    SimMessage status = ask(user, "stream 200");
    SimMessage done = awaitContent(general(), status.id, "word200$");
    assertThat(done.content).startsWith("word1 word2 ");
    long edits = bot().sim().control().stats().messagesEdited() - editsBefore;
    System.out.printf("conversation streaming edits (200 pieces): %d%n", edits);
    assertThat(edits).as("edits of a 200-piece stream").isBetween(2L, 12L);

    SimMessage pings = ask(user, "ping everyone");
    SimMessage shown = awaitContent(general(), pings.id, "hello$");
    assertThat(shown.content).contains("@everyone");
    assertThat(shown.mentionEveryone).isFalse();
    assertThat(shown.mentions).isEmpty();
    assertThat(shown.mentionRoles).isEmpty();
  }

  @Test
  @DisplayName("Past 2,000 characters the answer continues in follow-up messages")
  void longAnswersContinue() {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      expected.append(String.format("line %03d of a long answer", i), 0, 10);
    }
    SimMessage status = ask(person(), "long one");
    await("the whole answer, in parts")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              List<SimMessage> parts =
                  bot().botMessages(general()).stream().filter(m -> m.id >= status.id).toList();
              assertThat(parts).hasSize(3);
              assertThat(parts)
                  .allSatisfy(m -> assertThat(m.content.length()).isLessThanOrEqualTo(2000));
              // The parts are cut at spaces, which the cut takes away.
              assertThat(String.join(" ", parts.stream().map(m -> m.content).toList()))
                  .isEqualTo(expected.toString());
            });
  }

  @Test
  @DisplayName("An assistant that fails or crashes: the person is told, the request FAILED")
  void assistantFailures() {
    String user = person();
    SimMessage failed = ask(user, "fail please");
    awaitContent(
        general(),
        failed.id,
        "^⚠️ Sorry, no answer this time: the model server said no \\(test\\)$");
    SimMessage crashed = ask(user, "crash please");
    awaitContent(general(), crashed.id, "failed unexpectedly");
    assertThat(
            count(
                "SELECT count(*) FROM conversation_request WHERE user_id = ? AND status = 'FAILED'",
                bot().user(user).id))
        .isEqualTo(2);
  }

  @Test
  @DisplayName("Admins see and clear their server's queue; owners pause and resume it")
  void adminsAndOwners() {
    String holder = person();
    String waiter = person();
    SimMessage held = ask(holder, "hold it");
    awaitContent(general(), held.id, "Thinking");
    SimMessage waiting = ask(waiter, "waiting here");
    awaitContent(general(), waiting.id, "position 1 of 1");

    bot().post(waiter, general(), "!conversation queue");
    bot().awaitReply(general(), "^You need the Manage Server permission");
    bot().post("admin", general(), "!conversation queue");
    SimMessage list = bot().awaitReply(general(), "^\\*\\*Questions from this server: 2\\*\\*");
    assertThat(list.content)
        .contains("being answered — <@" + bot().user(holder).id + ">")
        .contains("position 1 — <@" + bot().user(waiter).id + ">");

    bot().post("admin", general(), "!conversation clear <@" + bot().user(waiter).id + ">");
    bot().awaitReply(general(), "^Removed <@\\d+>'s question from the queue\\.$");
    awaitContent(general(), waiting.id, "^✖️ Removed from the queue by a server admin");

    bot().post(waiter, general(), "!conversation pause");
    bot().awaitReply(general(), "^Only the bot's owners can use");
    bot().post("alice", general(), "!conversation pause");
    bot().awaitReply(general(), "^Paused:");
    ScriptedAssistantCog.release();
    awaitContent(general(), held.id, "^answer to: hold it");
    SimMessage paused = ask(waiter, "while paused");
    awaitContent(general(), paused.id, "answers are paused for now");
    await("not answered while paused")
        .during(NOT_ANSWERED)
        .atMost(NOT_ANSWERED.multipliedBy(3))
        .until(() -> message(general(), paused.id).content.startsWith("⏳"));
    bot().post("alice", general(), "!conversation resume");
    bot().awaitReply(general(), "^Resumed:");
    awaitContent(general(), paused.id, "^answer to: while paused");
  }

  @Test
  @DisplayName("A server's admins give the assistant its instructions there")
  void serverPrompt() {
    bot().post("admin", general(), "!settings set core.assistant_prompt Answer like a pirate.");
    bot().awaitReply(general(), "^`core.assistant_prompt` is now `Answer like a pirate\\.`");
    try {
      SimMessage status = ask(person(), "where is the treasure?");
      awaitContent(general(), status.id, "^answer to: where is the treasure");
      AssistantRequest asked =
          ScriptedAssistantCog.calls.get(ScriptedAssistantCog.calls.size() - 1);
      assertThat(asked.systemPrompt()).hasValue("Answer like a pirate.");
    } finally {
      bot().post("admin", general(), "!settings reset core.assistant_prompt");
      bot().awaitReply(general(), "^`core.assistant_prompt` is back to its default");
    }
  }

  @Test
  @DisplayName("Forget: a person's conversation is deleted and starts afresh")
  void forget() {
    String user = person();
    SimMessage one = ask(user, "remember me");
    awaitContent(general(), one.id, "\\(history 0\\)$");
    bot().post(user, general(), "!conversation forget");
    bot().awaitReply(general(), "^Forgotten:");
    assertThat(
            count("SELECT count(*) FROM conversation_turn WHERE user_id = ?", bot().user(user).id))
        .isZero();
    SimMessage two = ask(user, "do you remember?");
    awaitContent(general(), two.id, "\\(history 0\\)$");
  }

  @Test
  @DisplayName("A restart with one request being answered and two waiting: all answered, in order")
  void restartResumesInOrder() throws InterruptedException {
    String first = person();
    String second = person();
    String third = person();
    SimMessage held = ask(first, "hold across the restart");
    awaitContent(general(), held.id, "Thinking");
    SimMessage secondStatus = ask(second, "after restart one");
    SimMessage thirdStatus = ask(third, "after restart two");
    awaitContent(general(), thirdStatus.id, "position 2 of 2");

    bot().restartBot();

    // Retried once: the assistant is asked again, and the others wait behind it.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ScriptedAssistantCog.calls.stream()
                        .filter(c -> c.message().equals("hold across the restart"))
                        .count()
                    == 2);
    awaitContent(general(), secondStatus.id, "position 1 of 2");
    ScriptedAssistantCog.release();
    awaitContent(general(), held.id, "^answer to: hold across the restart");
    awaitContent(general(), secondStatus.id, "^answer to: after restart one");
    awaitContent(general(), thirdStatus.id, "^answer to: after restart two");
    assertThat(
            ScriptedAssistantCog.calls.stream()
                .map(AssistantRequest::message)
                .filter(m -> m.startsWith("after restart")))
        .containsExactly("after restart one", "after restart two");
  }
}
