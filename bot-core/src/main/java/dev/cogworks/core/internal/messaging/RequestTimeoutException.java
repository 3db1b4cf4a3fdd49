package dev.cogworks.core.internal.messaging;

import java.util.concurrent.TimeoutException;

/** A queued request whose deadline passed before it could run; it was not sent. */
final class RequestTimeoutException extends TimeoutException {
  RequestTimeoutException(String message) {
    super(message);
  }
}
