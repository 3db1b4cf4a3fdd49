package dev.cogworks.api.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * Where every Discord request of a cog goes. The mode ({@code messaging.mode}) decides how a
 * request travels; every mode ends in the same executor, so results and errors are the same.
 */
public interface MessagingQueue {
  /**
   * Submits a request. The future fails with {@link DiscordRequestException} when Discord refuses
   * it, and with {@link QueueFullException} when the queue cannot take it.
   */
  <R> CompletableFuture<R> submit(DiscordRequest<R> request);
}
