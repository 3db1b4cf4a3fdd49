package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * The one place requests become JDA calls. Every messaging mode ends here, so a request behaves the
 * same however it travelled. Nothing here blocks: each request is a chain of futures.
 */
public final class RequestExecutor {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Finds guilds and channels; a gateway worker puts its caches here. */
  public interface Lookup {
    GuildMessageChannel channel(long id);

    Guild guild(long id);

    /** Straight from JDA's cache across the shards. */
    static Lookup of(ShardManager shards) {
      return new Lookup() {
        @Override
        public GuildMessageChannel channel(long id) {
          return shards.getChannelById(GuildMessageChannel.class, id);
        }

        @Override
        public Guild guild(long id) {
          return shards.getGuildById(id);
        }
      };
    }
  }

  private final Lookup lookup;
  private final HistoryReader history;

  public RequestExecutor(ShardManager shards) {
    this(Lookup.of(shards));
  }

  public RequestExecutor(Lookup lookup) {
    this.lookup = lookup;
    this.history = new HistoryReader();
  }

  /**
   * Runs one request once (no retries: those are the transport's), failing with Discord's error.
   */
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> execute(DiscordRequest<R> request) {
    CompletableFuture<?> result;
    try {
      result = dispatch(request);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<R> translated = new CompletableFuture<>();
    result.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            translated.completeExceptionally(DiscordErrors.translate(failure));
          } else {
            translated.complete((R) value);
          }
        });
    return translated;
  }

  private CompletableFuture<?> dispatch(DiscordRequest<?> request) {
    if (request instanceof DiscordRequest.SendMessage send) {
      return send(send);
    }
    if (request instanceof DiscordRequest.EditMessage edit) {
      return edit(edit.channelId(), edit.messageId(), edit.content(), edit.embeds());
    }
    if (request instanceof DiscordRequest.DeleteMessage delete) {
      return channel(delete.channelId()).deleteMessageById(delete.messageId()).submit();
    }
    if (request instanceof DiscordRequest.FetchHistory fetch) {
      return history.read(channel(fetch.channelId()), fetch);
    }
    if (request instanceof DiscordRequest.FetchEmojis fetch) {
      return guild(fetch.guildId())
          .retrieveEmojis()
          .submit()
          .thenApply(
              emojis ->
                  emojis.stream()
                      .map(
                          e ->
                              new GuildEmoji(
                                  e.getIdLong(), e.getName(), e.isAnimated(), e.getImageUrl()))
                      .toList());
    }
    if (request instanceof DiscordRequest.BatchUpdateMessages batch) {
      return batch(batch);
    }
    if (request instanceof DiscordRequest.ListRoles list) {
      return CompletableFuture.completedFuture(
          guild(list.guildId()).getRoles().stream()
              .map(r -> new GuildRole(r.getIdLong(), r.getName(), r.getPosition(), r.isManaged()))
              .toList());
    }
    if (request instanceof DiscordRequest.AddRole add) {
      Guild guild = guild(add.guildId());
      return guild
          .addRoleToMember(UserSnowflake.fromId(add.userId()), role(guild, add.roleId()))
          .submit();
    }
    if (request instanceof DiscordRequest.RemoveRole remove) {
      Guild guild = guild(remove.guildId());
      return guild
          .removeRoleFromMember(UserSnowflake.fromId(remove.userId()), role(guild, remove.roleId()))
          .submit();
    }
    throw new IllegalArgumentException("unknown request " + request);
  }

  /** Sends, split into parts when over 2,000 characters; parts go out in order. */
  private CompletableFuture<SentMessage> send(DiscordRequest.SendMessage send) {
    GuildMessageChannel channel = channel(send.channelId());
    String content = send.content();
    if (content.length() > ContentSplitter.LIMIT && !send.options().splitLongContent()) {
      return CompletableFuture.failedFuture(
          new DiscordRequestException(
              400, 50035, "content is " + content.length() + " characters; Discord allows 2000"));
    }
    List<String> parts = ContentSplitter.split(content, ContentSplitter.LIMIT);
    String nonce = send.options().nonce() != null ? send.options().nonce() : newNonce();
    List<Long> ids = new ArrayList<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < parts.size(); i++) {
      boolean last = i == parts.size() - 1;
      String part = parts.get(i);
      // Discord's nonce: at most 25 characters, one per message so a retried part is not doubled.
      String partNonce = parts.size() == 1 ? nonce : nonce + "." + i;
      chain =
          chain.thenCompose(
              ignored -> {
                var action = channel.sendMessage(part).setNonce(partNonce);
                if (last && !send.options().embeds().isEmpty()) {
                  action = action.setEmbeds(toJda(send.options().embeds()));
                }
                action = mentions(action, send.options().allowedMentions());
                return action.submit().thenAccept(message -> ids.add(message.getIdLong()));
              });
    }
    return chain.thenApply(ignored -> new SentMessage(ids));
  }

  private static net.dv8tion.jda.api.requests.restaction.MessageCreateAction mentions(
      net.dv8tion.jda.api.requests.restaction.MessageCreateAction action, AllowedMentions allowed) {
    EnumSet<Message.MentionType> types = EnumSet.noneOf(Message.MentionType.class);
    if (allowed.everyone()) {
      types.add(Message.MentionType.EVERYONE);
      types.add(Message.MentionType.HERE);
    }
    if (allowed.roles()) {
      types.add(Message.MentionType.ROLE);
    }
    if (allowed.allUsers()) {
      types.add(Message.MentionType.USER);
    }
    action = action.setAllowedMentions(types);
    if (!allowed.users().isEmpty()) {
      action = action.mentionUsers(allowed.users().stream().mapToLong(Long::longValue).toArray());
    }
    return action;
  }

  private CompletableFuture<Void> edit(
      long channelId, long messageId, String content, List<Embed> embeds) {
    MessageEditBuilder edit = new MessageEditBuilder();
    if (content != null) {
      edit.setContent(content);
    }
    if (embeds != null) {
      edit.setEmbeds(toJda(embeds));
    }
    return channel(channelId)
        .editMessageById(messageId, edit.build())
        .submit()
        .thenApply(m -> null);
  }

  /** Edits one by one in order; a failed edit is counted with its reason, the rest still run. */
  private CompletableFuture<BatchResult> batch(DiscordRequest.BatchUpdateMessages batch) {
    Map<Long, String> failures = new LinkedHashMap<>();
    int[] updated = {0};
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (MessageUpdate update : batch.updates()) {
      chain =
          chain.thenCompose(
              ignored ->
                  execute(
                          new DiscordRequest.EditMessage(
                              batch.channelId(), update.messageId(), update.content(), null, null))
                      .handle(
                          (ok, failure) -> {
                            if (failure == null) {
                              updated[0]++;
                            } else {
                              failures.put(
                                  update.messageId(), DiscordErrors.unwrap(failure).getMessage());
                            }
                            return null;
                          }));
    }
    return chain.thenApply(ignored -> new BatchResult(updated[0], failures.size(), failures));
  }

  static List<MessageEmbed> toJda(List<Embed> embeds) {
    List<MessageEmbed> result = new ArrayList<>();
    for (Embed embed : embeds) {
      EmbedBuilder builder = new EmbedBuilder();
      builder.setTitle(embed.title(), embed.url());
      builder.setDescription(embed.description());
      if (embed.color() != null) {
        builder.setColor(embed.color());
      }
      embed.fields().forEach(f -> builder.addField(f.name(), f.value(), f.inline()));
      builder.setFooter(embed.footer());
      builder.setAuthor(embed.authorName());
      builder.setImage(embed.imageUrl());
      builder.setThumbnail(embed.thumbnailUrl());
      builder.setTimestamp(embed.timestamp());
      result.add(builder.build());
    }
    return result;
  }

  private GuildMessageChannel channel(long id) {
    GuildMessageChannel channel = lookup.channel(id);
    if (channel == null) {
      throw new DiscordRequestException(
          404, DiscordRequestException.UNKNOWN_CHANNEL, "Unknown Channel " + id);
    }
    return channel;
  }

  private Guild guild(long id) {
    Guild guild = lookup.guild(id);
    if (guild == null) {
      throw new DiscordRequestException(404, 10004, "Unknown Guild " + id);
    }
    return guild;
  }

  private static Role role(Guild guild, long id) {
    Role role = guild.getRoleById(id);
    if (role == null) {
      throw new DiscordRequestException(
          404, DiscordRequestException.UNKNOWN_ROLE, "Unknown Role " + id);
    }
    return role;
  }

  private static String newNonce() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
