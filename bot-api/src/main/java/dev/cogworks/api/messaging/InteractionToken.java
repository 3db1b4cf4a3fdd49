package dev.cogworks.api.messaging;

import java.util.Objects;

/**
 * The token of one Discord interaction: whoever holds it may answer the interaction for 15 minutes,
 * so it is a secret. Its {@code toString} never shows it, so a request carrying it can be logged
 * safely; the codec writes the value, because a relay worker needs it to answer.
 */
public record InteractionToken(String value) {
  public InteractionToken {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an interaction token cannot be blank");
    }
  }

  @Override
  public String toString() {
    return "InteractionToken[redacted]";
  }
}
