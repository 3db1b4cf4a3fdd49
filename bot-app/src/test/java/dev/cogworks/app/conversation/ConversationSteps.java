package dev.cogworks.app.conversation;

import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ScriptedAssistantCog;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the conversation tests do: ask as new people, find the status message that replies to a
 * question, and wait for it to read something. The assistant is offered by a plugin cog ({@link
 * ScriptedAssistantCog}) whose answers the questions script. Every test asks as people of its own,
 * so one test's requests and history never meet another's.
 */
abstract class ConversationSteps {
  static final AtomicInteger people = new AtomicInteger();
  static final Duration NOT_ANSWERED = Duration.ofMillis(800);

  abstract PlatformHarness bot();

  static PlatformHarness harness(String mode) {
    return PlatformHarness.with(new ScriptedAssistantCog())
        .config("messaging.mode", mode)
        .config("conversation.assistant", "scripted")
        .owners("alice");
  }

  @BeforeEach
  void closeTheGate() {
    ScriptedAssistantCog.reset();
  }

  /** A new person, member of the sandbox guild. */
  String person() {
    String name = "p" + people.incrementAndGet() + "x" + Long.toHexString(System.nanoTime() % 4096);
    var user = bot().sim().control().createUser(name);
    bot().sim().control().addMember(bot().guild().id, user.id, List.of());
    return name;
  }

  private SimChannel channel;

  /**
   * A channel of this test's own in the sandbox guild: Discord allows 5 messages per 5 s in a
   * channel, and tests sharing one would wait on each other's budget.
   */
  @BeforeEach
  void ownChannel() {
    SimChannel created =
        bot().sim().control().createChannel(bot().guild().id, "conv-" + people.incrementAndGet());
    await("the bot to see #" + created.name)
        .atMost(Duration.ofSeconds(10))
        .until(() -> bot().bot().shards().getTextChannelById(created.id) != null);
    channel = created;
  }

  SimChannel general() {
    return channel;
  }

  /** The bot's message answering {@code trigger} (a reply to it). */
  SimMessage statusOf(SimChannel channel, SimMessage trigger) {
    return await("the status message replying to " + trigger.content)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                bot().botMessages(channel).stream()
                    .filter(
                        m -> m.referencedMessage != null && m.referencedMessage.id == trigger.id)
                    .findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }

  /** Waits until the bot's message {@code id} reads something matching {@code regex}. */
  SimMessage awaitContent(SimChannel channel, long id, String regex) {
    Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
    return await("message " + id + " to read " + regex)
        .atMost(Duration.ofSeconds(20))
        .until(() -> message(channel, id), m -> pattern.matcher(m.content).find());
  }

  SimMessage message(SimChannel channel, long id) {
    return bot().sim().control().messages(channel.id).stream()
        .filter(m -> m.id == id)
        .findFirst()
        .orElseThrow();
  }

  /** {@code user} asks with {@code !ask} in #general; returns the status message. */
  SimMessage ask(String user, String question) {
    SimMessage trigger = bot().post(user, general(), "!ask " + question);
    return statusOf(general(), trigger);
  }

  long count(String sql, Object... args) {
    return bot()
        .bot()
        .database()
        .jdbi()
        .withHandle(
            h -> {
              var query = h.createQuery(sql);
              for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
              }
              return query.mapTo(Long.class).one();
            });
  }
}
