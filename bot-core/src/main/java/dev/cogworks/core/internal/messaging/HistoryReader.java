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
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * Reads any number of messages by paging through Discord's 100-per-call limit. With an "after" id
 * it pages forward; otherwise backward from "before" (or now). Results are oldest first.
 */
final class HistoryReader {
  private static final int PAGE = 100;

  CompletableFuture<List<HistoryMessage>> read(
      GuildMessageChannel channel, DiscordRequest.FetchChannelHistory fetch) {
    Long beforeId =
        fetch.before() == null ? null : TimeUtil.getDiscordTimestamp(fetch.before().toEpochMilli());
    List<Message> collected = new ArrayList<>();
    CompletableFuture<Void> done =
        fetch.afterMessageId() != null
            ? forward(channel, fetch.afterMessageId(), beforeId, fetch.limit(), collected)
            : backward(channel, beforeId, fetch.limit(), collected);
    return done.thenApply(
        ignored ->
            collected.stream()
                .sorted(Comparator.comparingLong(Message::getIdLong))
                .map(HistoryReader::toRecord)
                .toList());
  }

  private CompletableFuture<Void> forward(
      GuildMessageChannel channel, long after, Long beforeId, int remaining, List<Message> out) {
    int want = Math.min(PAGE, remaining);
    return channel
        .getHistoryAfter(after, want)
        .submit()
        .thenCompose(
            page -> {
              List<Message> messages = new ArrayList<>(page.getRetrievedHistory());
              messages.sort(Comparator.comparingLong(Message::getIdLong));
              boolean reachedBefore = false;
              for (Message message : messages) {
                if (beforeId != null && message.getIdLong() >= beforeId) {
                  reachedBefore = true;
                  break;
                }
                out.add(message);
              }
              int left = remaining - Math.min(messages.size(), want);
              if (reachedBefore || messages.size() < want || left <= 0 || messages.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              return forward(
                  channel, messages.get(messages.size() - 1).getIdLong(), beforeId, left, out);
            });
  }

  private CompletableFuture<Void> backward(
      GuildMessageChannel channel, Long beforeId, int remaining, List<Message> out) {
    int want = Math.min(PAGE, remaining);
    var action =
        beforeId == null
            ? channel.getHistory().retrievePast(want).submit()
            : channel
                .getHistoryBefore(beforeId, want)
                .submit()
                .thenApply(h -> h.getRetrievedHistory());
    return action.thenCompose(
        messages -> {
          out.addAll(messages);
          int left = remaining - messages.size();
          if (messages.size() < want || left <= 0) {
            return CompletableFuture.completedFuture(null);
          }
          long oldest = messages.stream().mapToLong(Message::getIdLong).min().orElseThrow();
          return backward(channel, oldest, left, out);
        });
  }

  private static HistoryMessage toRecord(Message message) {
    List<Embed> embeds = new ArrayList<>();
    for (MessageEmbed embed : message.getEmbeds()) {
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
    return new HistoryMessage(
        message.getIdLong(),
        message.getAuthor().getIdLong(),
        message.getContentRaw(),
        message.getTimeCreated().toInstant(),
        embeds,
        message.getAttachments().stream().map(Message.Attachment::getUrl).toList(),
        message.getAuthor().isBot() || message.isWebhookMessage());
  }
}
