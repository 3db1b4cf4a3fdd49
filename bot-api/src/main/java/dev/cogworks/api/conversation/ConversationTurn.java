package dev.cogworks.api.conversation;

import java.time.Instant;
import java.util.Objects;

/** One message of a conversation: what the person said, or what the assistant answered. */
public record ConversationTurn(Role role, String content, Instant at) {
  public ConversationTurn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(at, "at");
  }

  /** Who said it. */
  public enum Role {
    USER,
    ASSISTANT
  }
}
