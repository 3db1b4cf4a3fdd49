package dev.cogworks.markov;

import dev.cogworks.api.CogContext;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.markov.MarkovStore.ChannelRow;
import dev.cogworks.markov.MarkovStore.Learned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up with what people deleted or edited while the bot was not watching (it was stopped, or
 * missed the events): re-reads the window of history that holds a channel's newest {@code
 * reconcile_window} stored messages, forgets those no longer there (or no longer worth learning)
 * and relearns the edited ones. Bounded: one channel reads at most twice the window from Discord
 * per pass, at LOW priority.
 */
final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /** A page of history as the learning loop would store it: only what is worth learning. */
  interface Cleaning {
    List<Learned> clean(ChannelRow row, List<HistoryMessage> page);
  }

  /** What one channel's pass changed. */
  record Outcome(int forgotten, int relearned) {}

  private final CogContext context;
  private final LearnedText text;
  private final Gatherer.Discord discord;
  private final Cleaning cleaning;
  private final int window;

  Reconciler(
      CogContext context,
      LearnedText text,
      Gatherer.Discord discord,
      Cleaning cleaning,
      int window) {
    this.context = context;
    this.text = text;
    this.discord = discord;
    this.cleaning = cleaning;
    this.window = window;
  }

  CompletableFuture<Outcome> reconcile(ChannelRow row) {
    return context
        .blocking(() -> text.store().newest(row.channelId(), window))
        .thenCompose(
            stored -> {
              if (stored.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome(0, 0));
              }
              long oldest = stored.get(stored.size() - 1).messageId();
              int limit = window * 2; // room for what is never stored: bots, commands
              return discord
                  .history(row.channelId(), limit, oldest - 1)
                  .thenCompose(page -> apply(row, stored, page, limit));
            });
  }

  private CompletableFuture<Outcome> apply(
      ChannelRow row, List<Learned> stored, List<HistoryMessage> page, int limit) {
    // A full page may stop short of the newest stored message: judge only what it covers.
    long covered =
        page.size() >= limit
            ? page.stream().mapToLong(HistoryMessage::id).max().orElse(0)
            : Long.MAX_VALUE;
    Map<Long, Learned> now =
        cleaning.clean(row, page).stream()
            .collect(Collectors.toMap(Learned::messageId, Function.identity(), (a, b) -> a));
    List<Long> gone = new ArrayList<>();
    List<Learned> edited = new ArrayList<>();
    for (Learned old : stored) {
      if (old.messageId() > covered) {
        continue;
      }
      Learned current = now.get(old.messageId());
      if (current == null) {
        gone.add(old.messageId());
      } else if (!current.text().equals(old.text())) {
        edited.add(current);
      }
    }
    if (gone.isEmpty() && edited.isEmpty()) {
      return CompletableFuture.completedFuture(new Outcome(0, 0));
    }
    return context.blocking(
        () -> {
          gone.forEach(id -> text.forget(row.guildId(), "message_id = ?", id));
          edited.forEach(m -> text.replace(row.guildId(), m.messageId(), m.tokens()));
          log.info(
              "markov: reconciled channel {}: forgot {}, relearned {}",
              row.channelId(),
              gone.size(),
              edited.size());
          return new Outcome(gone.size(), edited.size());
        });
  }
}
