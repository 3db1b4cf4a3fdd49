package dev.cogworks.api.conversation;

import java.time.Duration;
import java.util.Optional;

/**
 * An {@link Assistant} could not answer. Its message is shown to the person who asked, so it says
 * what happened in plain words ("The model server is busy; try again in 20 s") and never carries a
 * secret or a stack trace; the cause is logged.
 */
public class AssistantException extends Exception {
  private final transient Duration retryAfter;

  public AssistantException(String userMessage) {
    this(userMessage, null, null);
  }

  public AssistantException(String userMessage, Throwable cause) {
    this(userMessage, null, cause);
  }

  /**
   * @param retryAfter when the endpoint said to come back (an HTTP 429's {@code Retry-After})
   */
  public AssistantException(String userMessage, Duration retryAfter, Throwable cause) {
    super(userMessage, cause);
    this.retryAfter = retryAfter;
  }

  /** When the endpoint asked to be called again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
