package dev.cogworks.api.messaging;

/** How urgent a request is; a queue takes higher priorities first, FIFO within one. */
public enum Priority {
  CRITICAL,
  HIGH,
  NORMAL,
  LOW
}
