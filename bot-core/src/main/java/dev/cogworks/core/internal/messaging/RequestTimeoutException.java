package dev.cogworks.core.internal.messaging;

import java.util.concurrent.TimeoutException;

/** A queued request whose deadline passed before it could run; it was not sent. */
public final class RequestTimeoutException extends TimeoutException {
  public RequestTimeoutException(String message) {
    super(message);
  }
}
