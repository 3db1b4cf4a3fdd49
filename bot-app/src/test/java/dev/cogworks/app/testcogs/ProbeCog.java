package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Exposes CogHelper's Discord operations to tests, exactly as a cog would call them. */
public final class ProbeCog extends CogHelper {
  @Override
  public String name() {
    return "probe";
  }

  public CompletableFuture<SentMessage> send(long channel, String content) {
    return sendMessage(channel, content);
  }

  public CompletableFuture<SentMessage> send(long channel, String content, SendOptions options) {
    return sendMessage(channel, content, options);
  }

  public CompletableFuture<Void> edit(
      long channel, long message, String content, List<Embed> embeds) {
    return editMessage(channel, message, content, embeds);
  }

  public ProgressMessage progress(long channel, long message) {
    return progressMessage(channel, message);
  }

  public CompletableFuture<Void> delete(long channel, long message) {
    return deleteMessage(channel, message);
  }

  public CompletableFuture<List<HistoryMessage>> history(
      long channel, int limit, Long after, Instant before) {
    return fetchChannelHistory(channel, limit, after, before);
  }

  public CompletableFuture<List<GuildEmoji>> emojis(long guild) {
    return fetchGuildEmojis(guild);
  }

  public CompletableFuture<BatchResult> batch(long channel, List<MessageUpdate> updates) {
    return batchUpdateMessages(channel, updates);
  }

  public CompletableFuture<List<GuildRole>> roles(long guild) {
    return listRoles(guild);
  }

  public CompletableFuture<GuildMember> self(long guild) {
    return botMember(guild);
  }

  public CompletableFuture<Void> giveRole(long guild, long user, long role) {
    return addRole(guild, user, role);
  }

  public CompletableFuture<Void> takeRole(long guild, long user, long role) {
    return removeRole(guild, user, role);
  }
}
