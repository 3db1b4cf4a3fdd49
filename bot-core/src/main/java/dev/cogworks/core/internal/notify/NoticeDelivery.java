package dev.cogworks.core.internal.notify;

import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.api.messaging.WebhookToken;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.DiscordErrors;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.relay.RelayException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one rendered notice to the configured channel and/or webhook: through the MessagingQueue
 * at CRITICAL priority, or — for notices about the queue itself, and whenever the queue refuses at
 * the door — straight to the executor, which still takes Discord's buckets and the global budget. A
 * notice that cannot be delivered is logged, never notified about: that would loop.
 */
final class NoticeDelivery {
  private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Sends of notices carry a nonce starting so: their dead letters are not notified about. */
  static final String NONCE_PREFIX = "cwnotice";

  private volatile CogworksConfig.Notifications config;
  private final MessagingQueue queue;
  private volatile RequestExecutor direct;

  /** {@code queue} null: a process without one (a gateway worker); every notice goes direct. */
  NoticeDelivery(CogworksConfig.Notifications config, MessagingQueue queue) {
    this.config = config;
    this.queue = queue;
  }

  /** The executor of the direct path, once the shards are connected. */
  /** Where notices go from now on (a reload changed the channel or the webhook). */
  void reconfigure(CogworksConfig.Notifications next) {
    this.config = next;
  }

  void directPath(RequestExecutor executor) {
    this.direct = executor;
  }

  /** Whether {@code request} is a notice this class sent. */
  boolean isOwn(DiscordRequest<?> request) {
    if (request instanceof DiscordRequest.SendMessage send) {
      String nonce = send.options().nonce();
      return nonce != null && nonce.startsWith(NONCE_PREFIX);
    }
    return request instanceof DiscordRequest.ExecuteWebhook post
        && config.webhookId() != 0
        && post.webhookId() == config.webhookId();
  }

  /** Delivers {@code embed} to every target; completes when all are done, never exceptionally. */
  CompletableFuture<Void> deliver(NoticeKind kind, Embed embed, boolean directly) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (DiscordRequest<?> request : requests(embed)) {
      sent.add(
          send(request, directly)
              .exceptionally(
                  failure -> {
                    // The webhook's URL never reaches the log: requests render its token
                    // redacted, and errors name the webhook by id.
                    log.warn(
                        "A {} notice could not be delivered ({} {}): {}",
                        kind.name().toLowerCase(java.util.Locale.ROOT),
                        request.action(),
                        Long.toUnsignedString(request.routeKey()),
                        DiscordErrors.unwrap(failure).getMessage());
                    return null;
                  }));
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private <R> CompletableFuture<R> send(DiscordRequest<R> request, boolean directly) {
    RequestExecutor executor = direct;
    if ((directly || queue == null) && executor != null) {
      return executor.execute(request);
    }
    CompletableFuture<R> queued = queue.submit(request);
    if (executor == null) {
      return queued;
    }
    // Refused at the door (full, engine away, not connected): the notice must still get out.
    return queued.exceptionallyCompose(
        failure -> {
          Throwable cause = DiscordErrors.unwrap(failure);
          return cause instanceof QueueFullException
                  || cause instanceof RelayException
                  || cause instanceof IllegalStateException
              ? executor.execute(request)
              : CompletableFuture.failedFuture(cause);
        });
  }

  private List<DiscordRequest<?>> requests(Embed embed) {
    List<DiscordRequest<?>> requests = new ArrayList<>(2);
    if (config.channelId() != 0) {
      requests.add(
          new DiscordRequest.SendMessage(
              config.channelId(),
              "",
              SendOptions.DEFAULT
                  .withEmbeds(embed)
                  .withPriority(Priority.CRITICAL)
                  .withAllowedMentions(AllowedMentions.NONE)
                  .withNonce(nonce())));
    }
    if (config.webhookId() != 0) {
      requests.add(
          new DiscordRequest.ExecuteWebhook(
              config.webhookId(),
              new WebhookToken(config.webhookToken()),
              "",
              List.of(embed),
              Priority.CRITICAL));
    }
    return requests;
  }

  private static String nonce() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return NONCE_PREFIX + HexFormat.of().formatHex(bytes); // 24 characters, Discord allows 25
  }
}
