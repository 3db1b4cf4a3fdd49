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
   *
   * <p>Threads: the future completes on the cog executor ({@code CogContext.executor()}), never on
   * a JDA, dispatcher or engine-listener thread, so a callback cannot stall the delivery of other
   * requests' results. It belongs to the caller alone: cancelling or completing it neither cancels
   * the request nor lets the channel's next request overtake it.
   */
  <R> CompletableFuture<R> submit(DiscordRequest<R> request);

  /**
   * Whether the queue merges waiting edits of one message into the newest ({@code in_process} does
   * in its lanes, {@code external_gateway} with {@code acknowledge = memory} in its engine until a
   * worker starts the edit): a {@link ProgressMessage} then sends every update and lets the queue
   * drop the stale ones; otherwise it paces its edits itself.
   */
  default boolean coalescesEdits() {
    return false;
  }
}
