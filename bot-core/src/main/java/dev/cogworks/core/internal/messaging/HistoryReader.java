package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * Reads any number of messages by paging through Discord's 100-per-call limit. With an "after" id
 * it pages forward; otherwise backward from "before" (or now). Results are oldest first. The pages
 * come from JDA's channel ({@link #of(MessageChannel)}) or from Discord's route read without one
 * ({@link RestGuildCalls}); the paging is the same.
 */
final class HistoryReader {
  static final int PAGE = 100;

  /** One page of Get Channel Messages, in any order. */
  interface Pages {
    /** At most {@code limit} messages after {@code id}. */
    CompletableFuture<List<HistoryMessage>> after(long id, int limit);

    /** At most {@code limit} messages before {@code id}; the newest when {@code id} is null. */
    CompletableFuture<List<HistoryMessage>> before(Long id, int limit);
  }

  private HistoryReader() {}

  /** Pages from JDA's own channel object. */
  static Pages of(MessageChannel channel) {
    return new Pages() {
      @Override
      public CompletableFuture<List<HistoryMessage>> after(long id, int limit) {
        return channel
            .getHistoryAfter(id, limit)
            .submit()
            .thenApply(h -> h.getRetrievedHistory().stream().map(HistoryReader::toRecord).toList());
      }

      @Override
      public CompletableFuture<List<HistoryMessage>> before(Long id, int limit) {
        var page =
            id == null
                ? channel.getHistory().retrievePast(limit).submit()
                : channel
                    .getHistoryBefore(id, limit)
                    .submit()
                    .thenApply(h -> h.getRetrievedHistory());
        return page.thenApply(list -> list.stream().map(HistoryReader::toRecord).toList());
      }
    };
  }

  static CompletableFuture<List<HistoryMessage>> read(
      Pages pages, DiscordRequest.FetchChannelHistory fetch) {
    Long beforeId =
        fetch.before() == null ? null : TimeUtil.getDiscordTimestamp(fetch.before().toEpochMilli());
    List<HistoryMessage> collected = new ArrayList<>();
    CompletableFuture<Void> done =
        fetch.afterMessageId() != null
            ? forward(pages, fetch.afterMessageId(), beforeId, fetch.limit(), collected)
            : backward(pages, beforeId, fetch.limit(), collected);
    return done.thenApply(
        ignored ->
            collected.stream().sorted(Comparator.comparingLong(HistoryMessage::id)).toList());
  }

  private static CompletableFuture<Void> forward(
      Pages pages, long after, Long beforeId, int remaining, List<HistoryMessage> out) {
    int want = Math.min(PAGE, remaining);
    return pages
        .after(after, want)
        .thenCompose(
            page -> {
              List<HistoryMessage> messages = new ArrayList<>(page);
              messages.sort(Comparator.comparingLong(HistoryMessage::id));
              boolean reachedBefore = false;
              for (HistoryMessage message : messages) {
                if (beforeId != null && message.id() >= beforeId) {
                  reachedBefore = true;
                  break;
                }
                out.add(message);
              }
              int left = remaining - Math.min(messages.size(), want);
              if (reachedBefore || messages.size() < want || left <= 0 || messages.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              return forward(pages, messages.get(messages.size() - 1).id(), beforeId, left, out);
            });
  }

  private static CompletableFuture<Void> backward(
      Pages pages, Long beforeId, int remaining, List<HistoryMessage> out) {
    int want = Math.min(PAGE, remaining);
    return pages
        .before(beforeId, want)
        .thenCompose(
            messages -> {
              out.addAll(messages);
              int left = remaining - messages.size();
              if (messages.size() < want || left <= 0) {
                return CompletableFuture.completedFuture(null);
              }
              long oldest = messages.stream().mapToLong(HistoryMessage::id).min().orElseThrow();
              return backward(pages, oldest, left, out);
            });
  }

  static HistoryMessage toRecord(Message message) {
    return new HistoryMessage(
        message.getIdLong(),
        message.getAuthor().getIdLong(),
        message.getContentRaw(),
        message.getTimeCreated().toInstant(),
        embeds(message.getEmbeds()),
        message.getAttachments().stream().map(Message.Attachment::getUrl).toList(),
        message.getAuthor().isBot() || message.isWebhookMessage());
  }

  static List<Embed> embeds(List<MessageEmbed> from) {
    List<Embed> embeds = new ArrayList<>();
    for (MessageEmbed embed : from) {
      List<Embed.Field> fields =
          embed.getFields().stream()
              .map(f -> new Embed.Field(f.getName(), f.getValue(), f.isInline()))
              .toList();
      embeds.add(
          new Embed(
              embed.getTitle(),
              embed.getDescription(),
              embed.getUrl(),
              embed.getColorRaw() == net.dv8tion.jda.api.entities.Role.DEFAULT_COLOR_RAW
                  ? null
                  : embed.getColorRaw(),
              fields,
              embed.getFooter() == null ? null : embed.getFooter().getText(),
              embed.getAuthor() == null ? null : embed.getAuthor().getName(),
              embed.getImage() == null ? null : embed.getImage().getUrl(),
              embed.getThumbnail() == null ? null : embed.getThumbnail().getUrl(),
              embed.getTimestamp() == null ? null : Instant.from(embed.getTimestamp())));
    }
    return embeds;
  }
}
