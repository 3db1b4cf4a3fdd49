package dev.cogworks.api.messaging;

/** The messaging queue is at capacity; the request was refused at once, nothing was sent. */
public class QueueFullException extends RuntimeException {
  public QueueFullException(String message) {
    super(message);
  }
}
