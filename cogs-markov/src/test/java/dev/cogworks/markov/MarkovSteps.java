package dev.cogworks.markov;

import static org.awaitility.Awaitility.await;

import dev.cogworks.markov.MarkovStore.Learned;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/** What the markov tests do: channels of their own, seeded history, the cog's store. */
abstract class MarkovSteps {
  static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final AtomicInteger CHANNELS = new AtomicInteger();
  private static final String[] ADJECTIVES = {"quick", "lazy", "happy", "sleepy", "brave", "tiny"};
  private static final String[] NOUNS = {"fox", "dog", "cat", "owl", "frog", "bear", "duck"};
  private static final String[] VERBS = {"jumps", "naps", "sings", "runs", "hides", "dances"};

  abstract CogworksHarness bot();

  abstract MarkovCog cog();

  /**
   * A bot harness for the markov cog: learning rounds every 300 ms, retention 30 days, a
   * reconciliation at each start only, and the markov assistant answering {@code ask}.
   */
  static CogworksHarness harness(MarkovCog cog, String mode) {
    return CogworksHarness.with(cog)
        .config("messaging.mode", mode)
        .config("conversation.assistant", "markov")
        .config("markov.reconcile_interval", "1h")
        .config("markov.gather_interval", "300ms")
        .config("markov.history_retention", "30d")
        .config("markov.gather_batch", 150);
  }

  /** Channels that are learning stop at the end of each test, so rounds stay short. */
  @AfterEach
  void stopLearning() {
    cog()
        .text()
        .store()
        .channels(null)
        .forEach(row -> cog().text().store().stop(row.channelId(), "test over"));
  }

  SimChannel newChannel(String name) {
    return bot()
        .sim()
        .control()
        .createChannel(bot().guild().id, name + "-" + CHANNELS.incrementAndGet());
  }

  /**
   * {@code count} messages by alice and bob, one a minute up to now, about foxes and dogs; returns
   * them oldest first.
   */
  List<SimMessage> seed(SimChannel channel, int count, long seed) {
    Random random = new Random(seed);
    long alice = bot().user("alice").id;
    long bob = bot().user("bob").id;
    Instant now = Instant.now();
    List<SimMessage> posted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String text =
          "the "
              + pick(random, ADJECTIVES)
              + " "
              + pick(random, NOUNS)
              + " "
              + pick(random, VERBS)
              + (random.nextBoolean() ? " with the " + pick(random, NOUNS) : "")
              + (random.nextBoolean() ? "!" : ".");
      posted.add(
          bot()
              .sim()
              .control()
              .postMessage(
                  channel.id, i % 3 == 0 ? bob : alice, text, now.minusSeconds(60L * (count - i))));
    }
    return posted;
  }

  private static String pick(Random random, String[] words) {
    return words[random.nextInt(words.length)];
  }

  /** Turns learning on in {@code channel} as admin and waits for the answer. */
  void markovOn(SimChannel channel) {
    bot().post("admin", channel, "!markov on");
    bot().awaitReply(channel, "^Learning from <#" + channel.id + "> now");
  }

  /** What the store holds of {@code channel}. */
  List<Learned> stored(SimChannel channel) {
    return storedIn(channel.id);
  }

  private List<Learned> storedIn(long channelId) {
    List<Learned> all = new ArrayList<>();
    cog()
        .text()
        .store()
        .forEach(
            m -> {
              if (m.channelId() == channelId) {
                all.add(m);
              }
            });
    return all;
  }

  /** Waits until exactly {@code count} messages of {@code channel} are stored. */
  void awaitStored(SimChannel channel, int count) {
    await("" + count + " messages of #" + channel.name + " stored")
        .atMost(PATIENCE)
        .until(() -> storedIn(channel.id).size() == count);
  }
}
