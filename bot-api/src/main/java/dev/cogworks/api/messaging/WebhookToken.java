package dev.cogworks.api.messaging;

import java.util.Objects;

/**
 * The token of a channel webhook: whoever holds it may post as the webhook, so it is a secret. Its
 * {@code toString} never shows it, so a request carrying it can be logged safely; the codec writes
 * the value, because a gateway worker needs it to execute the webhook.
 */
public record WebhookToken(String value) {
  public WebhookToken {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a webhook token cannot be blank");
    }
  }

  @Override
  public String toString() {
    return "WebhookToken[redacted]";
  }
}
