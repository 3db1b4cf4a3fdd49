package dev.cogworks.core.internal.gateway;

/**
 * The external gateway could not carry a request: the engine is unreachable, or a worker failed.
 */
public class GatewayException extends RuntimeException {
  public GatewayException(String message) {
    super(message);
  }

  public GatewayException(String message, Throwable cause) {
    super(message, cause);
  }
}
