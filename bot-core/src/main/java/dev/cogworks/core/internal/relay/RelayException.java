package dev.cogworks.core.internal.relay;

/**
 * The external gateway could not carry a request: the engine is unreachable, or a worker failed.
 */
public class RelayException extends RuntimeException {
  public RelayException(String message) {
    super(message);
  }

  public RelayException(String message, Throwable cause) {
    super(message, cause);
  }
}
