package dev.cogworks.markov;

import dev.cogworks.markov.GuildModel.Sentence;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * Sentences for a channel: from the text of every channel whose audience includes this channel's
 * ({@link Audience}), never longer than Discord's 2,000 characters, never with a blocked word.
 */
final class Speaker {
  /** Room under Discord's 2,000 characters for a reply's own words. */
  static final int MAX_CHARS = 1_900;

  private final MarkovConfig config;
  private final LearnedText text;
  private final MessageCleaner cleaner;
  private final Gatherer gatherer;
  private final Blocklist blocklist;

  Speaker(
      MarkovConfig config,
      LearnedText text,
      MessageCleaner cleaner,
      Gatherer gatherer,
      Blocklist blocklist) {
    this.config = config;
    this.text = text;
    this.cleaner = cleaner;
    this.gatherer = gatherer;
    this.blocklist = blocklist;
  }

  MarkovConfig config() {
    return config;
  }

  MessageCleaner cleaner() {
    return cleaner;
  }

  /** The learned channels (still there) whose text may be spoken in {@code target}. */
  List<Long> sources(GuildChannel target) {
    Guild guild = target.getGuild();
    return text.model(guild.getIdLong()).channels().stream()
        .filter(
            id -> {
              GuildChannel source = guild.getGuildChannelById(id);
              return source != null && Audience.mayHear(target, source);
            })
        .toList();
  }

  /** A sentence for {@code target}, starting with {@code firstWords} when not blank. */
  Sentence speak(GuildChannel target, String firstWords, int length) {
    long guildId = target.getGuild().getIdLong();
    List<String> start =
        firstWords == null || firstWords.isBlank()
            ? List.of()
            : cleaner.tokens(firstWords, gatherer.emojis(guildId));
    if (start.isEmpty() && firstWords != null && !firstWords.isBlank()) {
      return new Sentence.UnknownStart(firstWords.strip());
    }
    return text.model(guildId)
        .speak(
            sources(target),
            start,
            Math.max(1, Math.min(length, config.maxLength())),
            MAX_CHARS,
            blocklist.words(guildId),
            ThreadLocalRandom.current());
  }

  /** An answer to {@code message}: seeded with a word of it the audience's text knows. */
  Sentence answer(GuildChannel target, String message) {
    long guildId = target.getGuild().getIdLong();
    List<Long> sources = sources(target);
    List<String> words = cleaner.tokens(message, gatherer.emojis(guildId));
    List<String> start =
        text.model(guildId).knownWord(sources, shuffled(words)).map(List::of).orElse(List.of());
    return text.model(guildId)
        .speak(
            sources,
            start,
            config.defaultLength(),
            MAX_CHARS,
            blocklist.words(guildId),
            ThreadLocalRandom.current());
  }

  private static List<String> shuffled(List<String> words) {
    List<String> copy = new java.util.ArrayList<>(words);
    java.util.Collections.shuffle(copy, ThreadLocalRandom.current());
    return copy;
  }
}
