package dev.cogworks.core.internal.conversation;

/** Where a conversation request is: waiting, being answered, or done in one of four ways. */
public enum RequestStatus {
  QUEUED,
  PROCESSING,
  COMPLETED,
  FAILED,
  EXPIRED,
  CANCELLED;

  public boolean active() {
    return this == QUEUED || this == PROCESSING;
  }
}
