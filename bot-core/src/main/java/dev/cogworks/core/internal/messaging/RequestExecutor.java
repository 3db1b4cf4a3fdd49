package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.internal.entities.channel.concrete.PrivateChannelImpl;

/**
 * The one place requests become JDA calls. Every messaging mode ends here, so a request behaves the
 * same however it travelled. Nothing here blocks: each request is a chain of futures.
 */
public final class RequestExecutor implements DiscordRequest.Visitor<CompletableFuture<?>> {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Finds guilds and channels; a relay worker puts its caches here. */
  public interface Lookup {
    GuildMessageChannel channel(long id);

    Guild guild(long id);

    /**
     * A channel to send to, edit or delete in: a server's, or else a direct-message channel. JDA
     * knows a DM channel only once it saw it (a DM this process received, or one it opened); one it
     * never saw — after a restart, on a gateway worker — is addressed by its id alone, which is all
     * Discord's message routes need. An id that is neither then gets Discord's own 10003 answer.
     */
    default MessageChannel messageChannel(long id) {
      return channel(id);
    }

    /** A connected shard whose REST client may run calls tied to no guild (webhooks); or null. */
    default JDA anyShard() {
      return null;
    }

    /**
     * For a JDA with no gateway session ({@code RestOnlyDiscord}): it holds no channels or guilds,
     * so every channel is addressed by its id alone, which is all the message and interaction
     * routes need. {@link GuildCalls} are then {@link RestGuildCalls}.
     */
    static Lookup restOnly(JDA jda) {
      return new Lookup() {
        @Override
        public GuildMessageChannel channel(long id) {
          return null;
        }

        @Override
        public MessageChannel messageChannel(long id) {
          return new PrivateChannelImpl(jda, id, null);
        }

        @Override
        public Guild guild(long id) {
          return null;
        }

        @Override
        public JDA anyShard() {
          return jda;
        }
      };
    }

    /** Straight from JDA's cache across the shards. */
    static Lookup of(ShardManager shards) {
      return new Lookup() {
        @Override
        public GuildMessageChannel channel(long id) {
          return shards.getChannelById(GuildMessageChannel.class, id);
        }

        @Override
        public MessageChannel messageChannel(long id) {
          GuildMessageChannel guildChannel = channel(id);
          if (guildChannel != null) {
            return guildChannel;
          }
          PrivateChannel known = shards.getPrivateChannelById(id);
          if (known != null) {
            return known;
          }
          // Direct messages belong to shard 0 on Discord; any shard's REST client would do.
          JDA jda = shards.getShardById(0);
          if (jda == null) {
            jda = shards.getShards().get(0);
          }
          return new PrivateChannelImpl(jda, id, null);
        }

        @Override
        public Guild guild(long id) {
          return shards.getGuildById(id);
        }

        @Override
        public JDA anyShard() {
          JDA first = shards.getShardById(0);
          return first != null || shards.getShards().isEmpty() ? first : shards.getShards().get(0);
        }
      };
    }
  }

  private final Lookup lookup;
  private final GuildCalls guilds;

  public RequestExecutor(ShardManager shards) {
    this(Lookup.of(shards));
  }

  /** Guild calls from {@code lookup}'s guilds and channels (a process with a gateway session). */
  public RequestExecutor(Lookup lookup) {
    this(lookup, new GatewayGuildCalls(lookup));
  }

  public RequestExecutor(Lookup lookup, GuildCalls guilds) {
    this.lookup = lookup;
    this.guilds = guilds;
  }

  /**
   * For a process with no gateway session: message and interaction routes by id alone, guild state
   * read over REST.
   */
  public static RequestExecutor restOnly(JDA jda, RestGuildCalls guilds) {
    return new RequestExecutor(Lookup.restOnly(jda), guilds);
  }

  /**
   * Runs one request once (no retries: those are the transport's), failing with Discord's error.
   */
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> execute(DiscordRequest<R> request) {
    CompletableFuture<?> result;
    try {
      result = request.accept(this);
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

  /** Sends, split into parts when over 2,000 characters; parts go out in order. */
  @Override
  public CompletableFuture<SentMessage> sendMessage(DiscordRequest.SendMessage send) {
    MessageChannel channel = messageChannel(send.channelId());
    SendOptions options = send.options();
    List<String> parts = parts(send.content(), options.longContent());
    String nonce = options.nonce() != null ? options.nonce() : newNonce();
    return inOrder(
        parts,
        (i, part) -> {
          boolean first = i == 0;
          boolean last = i == parts.size() - 1;
          // Discord's nonce: at most 25 characters, one per message so a retried part is not
          // doubled.
          MessageCreateAction action =
              channel.sendMessage(part).setNonce(parts.size() == 1 ? nonce : nonce + "." + i);
          if (last && !options.embeds().isEmpty()) {
            action = action.setEmbeds(JdaMessages.embeds(options.embeds()));
          }
          if (last && !options.components().isEmpty()) {
            action = action.setComponents(JdaMessages.rows(options.components()));
          }
          if (first && options.replyTo() != null) {
            // A reply to a message deleted meanwhile is sent as a plain message.
            action =
                action
                    .setMessageReference(options.replyTo())
                    .failOnInvalidReply(false)
                    .mentionRepliedUser(false);
          }
          action = action.setAllowedMentions(JdaMessages.mentionTypes(options.allowedMentions()));
          if (!options.allowedMentions().users().isEmpty()) {
            action =
                action.mentionUsers(
                    options.allowedMentions().users().stream()
                        .mapToLong(Long::longValue)
                        .toArray());
          }
          return action.submit();
        });
  }

  @Override
  public CompletableFuture<Void> editMessage(DiscordRequest.EditMessage edit) {
    return messageChannel(edit.channelId())
        .editMessageById(
            edit.messageId(), editData(edit.content(), edit.embeds(), edit.components()).build())
        .submit()
        .thenApply(m -> null);
  }

  @Override
  public CompletableFuture<Void> deleteMessage(DiscordRequest.DeleteMessage delete) {
    return messageChannel(delete.channelId()).deleteMessageById(delete.messageId()).submit();
  }

  @Override
  public CompletableFuture<?> fetchChannelHistory(DiscordRequest.FetchChannelHistory fetch) {
    return guilds.history(fetch);
  }

  @Override
  public CompletableFuture<List<GuildEmoji>> fetchGuildEmojis(
      DiscordRequest.FetchGuildEmojis fetch) {
    return guilds.emojis(fetch.guildId());
  }

  /** Edits one by one in order; a failed edit is counted with its reason, the rest still run. */
  @Override
  public CompletableFuture<BatchResult> batchUpdateMessages(
      DiscordRequest.BatchUpdateMessages batch) {
    Map<Long, String> failures = new LinkedHashMap<>();
    List<Boolean> updated = new ArrayList<>();
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
                              updated.add(true);
                            } else {
                              failures.put(
                                  update.messageId(), DiscordErrors.unwrap(failure).getMessage());
                            }
                            return null;
                          }));
    }
    return chain.thenApply(ignored -> new BatchResult(updated.size(), failures.size(), failures));
  }

  @Override
  public CompletableFuture<List<GuildRole>> listRoles(DiscordRequest.ListRoles list) {
    return guilds.roles(list.guildId());
  }

  @Override
  public CompletableFuture<Void> addRole(DiscordRequest.AddRole add) {
    return guilds.changeRole(add.guildId(), add.userId(), add.roleId(), add.reason(), true);
  }

  @Override
  public CompletableFuture<Void> removeRole(DiscordRequest.RemoveRole remove) {
    return guilds.changeRole(
        remove.guildId(), remove.userId(), remove.roleId(), remove.reason(), false);
  }

  @Override
  public CompletableFuture<GuildMember> fetchMember(DiscordRequest.FetchMember fetch) {
    return guilds.member(fetch);
  }

  @Override
  public CompletableFuture<List<GuildMember>> listRoleMembers(DiscordRequest.ListRoleMembers list) {
    return guilds.roleMembers(list.guildId(), list.roleId());
  }

  @Override
  public CompletableFuture<SentMessage> editInteractionResponse(
      DiscordRequest.EditInteractionResponse edit) {
    MessageEditBuilder data = editData(edit.content(), edit.embeds(), edit.components());
    return hook(edit.channelId(), edit.token().value())
        .editOriginal(data.build())
        .submit()
        .thenApply(message -> new SentMessage(List.of(message.getIdLong())));
  }

  @Override
  public CompletableFuture<SentMessage> sendFollowup(DiscordRequest.SendFollowup followup) {
    InteractionHook hook = hook(followup.channelId(), followup.token().value());
    List<String> parts = parts(followup.content(), SendOptions.LongContent.SPLIT);
    return inOrder(
        parts,
        (i, part) -> {
          boolean last = i == parts.size() - 1;
          var action =
              hook.sendMessage(part)
                  .setEphemeral(followup.ephemeral())
                  .setAllowedMentions(List.of());
          if (last && !followup.embeds().isEmpty()) {
            action = action.setEmbeds(JdaMessages.embeds(followup.embeds()));
          }
          if (last && !followup.components().isEmpty()) {
            action = action.setComponents(JdaMessages.rows(followup.components()));
          }
          return action.submit();
        });
  }

  @Override
  public CompletableFuture<Void> deleteInteractionResponse(
      DiscordRequest.DeleteInteractionResponse delete) {
    return hook(delete.channelId(), delete.token().value()).deleteOriginal().submit();
  }

  /**
   * Posts through a channel webhook with JDA's webhook client, so the call takes the same rate
   * limiter (Discord's buckets, the global pacing) as every other request. Pings no one.
   */
  @Override
  public CompletableFuture<SentMessage> executeWebhook(DiscordRequest.ExecuteWebhook execute) {
    JDA jda = lookup.anyShard();
    if (jda == null) {
      throw new DiscordRequestException(503, 0, "no shard is connected to execute a webhook");
    }
    var message =
        new net.dv8tion.jda.api.utils.messages.MessageCreateBuilder()
            .setContent(execute.content())
            .setEmbeds(JdaMessages.embeds(execute.embeds()))
            .setAllowedMentions(List.of())
            .mentionRepliedUser(false)
            .build();
    return WebhookClient.createClient(
            jda, Long.toUnsignedString(execute.webhookId()), execute.token().value())
        .sendMessage(message)
        .submit()
        .thenApply(m -> new SentMessage(List.of(m.getIdLong())));
  }

  /** Sends {@code parts} one after another; the result lists every message made. */
  private static CompletableFuture<SentMessage> inOrder(List<String> parts, PartSender sender) {
    List<Long> ids = new ArrayList<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < parts.size(); i++) {
      int index = i;
      chain =
          chain.thenCompose(
              ignored ->
                  sender.send(index, parts.get(index)).thenAccept(m -> ids.add(m.getIdLong())));
    }
    return chain.thenApply(ignored -> new SentMessage(ids));
  }

  @FunctionalInterface
  private interface PartSender {
    CompletableFuture<Message> send(int index, String part);
  }

  private static List<String> parts(String content, SendOptions.LongContent longContent) {
    if (content.length() > ContentSplitter.LIMIT && longContent == SendOptions.LongContent.REJECT) {
      throw new DiscordRequestException(
          400, 50035, "content is " + content.length() + " characters; Discord allows 2000");
    }
    return ContentSplitter.split(content, ContentSplitter.LIMIT);
  }

  /**
   * An edit that pings no one: edits carry their own allowed mentions, and without them the new
   * content's mentions (and a reply's author) would count as allowed.
   */
  private static MessageEditBuilder editData(
      String content, List<Embed> embeds, List<ActionRow> components) {
    MessageEditBuilder edit = new MessageEditBuilder();
    edit.setAllowedMentions(List.of());
    edit.mentionRepliedUser(false);
    if (content != null) {
      edit.setContent(content);
    }
    if (embeds != null) {
      edit.setEmbeds(JdaMessages.embeds(embeds));
    }
    if (components != null) {
      edit.setComponents(JdaMessages.rows(components));
    }
    return edit;
  }

  /**
   * An interaction's webhook, from its token alone: any process holding the token may answer (a
   * relay worker does). The channel's shard gives the JDA whose application id the route needs.
   */
  private InteractionHook hook(long channelId, String token) {
    return InteractionHook.from(messageChannel(channelId).getJDA(), token);
  }

  private MessageChannel messageChannel(long id) {
    MessageChannel channel = lookup.messageChannel(id);
    if (channel == null) {
      throw new DiscordRequestException(
          404, DiscordRequestException.UNKNOWN_CHANNEL, "Unknown Channel " + id);
    }
    return channel;
  }

  private static String newNonce() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
