package dev.cogworks.core.internal.conversation;

import java.time.Duration;
import java.util.Optional;

/** What the queue answered to a new request: taken with its place, or refused with a reason. */
public sealed interface Admission {
  /** Taken and committed: {@code position} of {@code waiting} requests waiting. */
  record Accepted(ConversationRequest request, int position, int waiting) implements Admission {}

  /** Refused; nothing was stored. */
  record Refused(Reason reason, Optional<ConversationRequest> active, Duration retryIn)
      implements Admission {
    static Refused of(Reason reason) {
      return new Refused(reason, Optional.empty(), Duration.ZERO);
    }
  }

  /** Why a request was refused. */
  enum Reason {
    /** The person has a request waiting or being answered. */
    ALREADY_ACTIVE,
    /** The whole queue is at {@code conversation.max_queue_size}. */
    QUEUE_FULL,
    /** The server has its share of the queue ({@code conversation.server_share}). */
    SERVER_SHARE,
    /** The person asked less than {@code conversation.user_cooldown} ago. */
    COOLDOWN,
    /** The person used today's {@code conversation.daily_quota}. */
    QUOTA,
    /** The bot is shutting down. */
    CLOSED
  }
}
