package dev.cogworks.sim.control;

/** A control-API call that cannot be carried out; its message says why, for the caller. */
public final class ControlException extends RuntimeException {
  private final int status;

  public ControlException(String message) {
    this(400, message);
  }

  public ControlException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
