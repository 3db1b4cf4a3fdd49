package dev.cogworks.api.settings;

/** A value an admin typed that its setting does not allow; the message says what is allowed. */
public final class InvalidSettingException extends IllegalArgumentException {
  public InvalidSettingException(String message) {
    super(message);
  }
}
