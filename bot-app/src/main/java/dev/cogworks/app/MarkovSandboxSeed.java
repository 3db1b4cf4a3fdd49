package dev.cogworks.app;

import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The sandbox's #markov: a few hundred varied messages of the last days by admin, alice and bob,
 * with the server's custom emojis (one static, one animated), then {@code !markov on} as admin, so
 * that {@code /speak} and {@code /ask} answer in the browser at once. Everything goes through the
 * simulator's control API, as people would write it.
 */
final class MarkovSandboxSeed {
  static final int MESSAGES = 300;

  private static final String[] OPENERS = {
    "honestly", "ok so", "wait", "lol", "good morning", "anyway", "fun fact:", "hot take:", "btw"
  };
  private static final String[] SUBJECTS = {
    "the new patch", "my cat", "this server", "pizza", "the raid last night", "rust", "java",
    "the weather", "coffee", "my build", "the bot", "that movie", "mondays", "the playlist"
  };
  private static final String[] VERBS = {
    "is", "was", "feels", "looks", "seems", "sounds", "tastes", "turned out"
  };
  private static final String[] ENDINGS = {
    "amazing",
    "kind of broken",
    "better than expected",
    "way too loud",
    "surprisingly good",
    "the best thing ever",
    "a bit much",
    "totally fine",
    "chaotic",
    "underrated",
    "overrated"
  };
  private static final String[] TAILS = {
    "", "", "", " tbh", " for real", " again", " today", " if you ask me", " i guess", " haha"
  };

  private MarkovSandboxSeed() {}

  static void apply(SimControl control, SimGuild guild) {
    SimChannel markov = control.channelByName(guild.id, "markov").orElseThrow();
    SimEmoji blob = control.createEmoji(guild.id, "blobwave", false);
    SimEmoji party = control.createEmoji(guild.id, "partyparrot", true);
    List<String> emojis =
        List.of("<:blobwave:" + blob.id() + ">", "<a:partyparrot:" + party.id() + ">", "🎉", "😂");
    List<Long> people =
        List.of("admin", "alice", "bob").stream()
            .map(name -> control.userByName(name).orElseThrow().id)
            .toList();
    Random random = new Random(2026);
    Instant now = Instant.now();
    for (int i = 0; i < MESSAGES; i++) {
      StringBuilder text = new StringBuilder();
      if (random.nextInt(3) == 0) {
        text.append(pick(random, OPENERS)).append(' ');
      }
      text.append(pick(random, SUBJECTS))
          .append(' ')
          .append(pick(random, VERBS))
          .append(' ')
          .append(pick(random, ENDINGS))
          .append(pick(random, TAILS))
          .append(random.nextInt(4) == 0 ? "!" : random.nextInt(3) == 0 ? "?" : ".");
      if (random.nextInt(4) == 0) {
        text.append(' ').append(emojis.get(random.nextInt(emojis.size())));
      }
      control.postMessage(
          markov.id,
          people.get(random.nextInt(people.size())),
          text.toString(),
          now.minusSeconds(90L * (MESSAGES - i)));
    }
  }

  /** Asks the bot, as admin, to learn from #markov (it backfills the messages above at once). */
  static void turnOn(SimControl control, SimGuild guild) {
    SimChannel markov = control.channelByName(guild.id, "markov").orElseThrow();
    control.postMessage(markov.id, control.userByName("admin").orElseThrow().id, "!markov on");
  }

  private static String pick(Random random, String[] words) {
    return words[random.nextInt(words.length)];
  }
}
