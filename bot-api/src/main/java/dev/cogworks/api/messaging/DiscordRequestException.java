package dev.cogworks.api.messaging;

/**
 * Discord refused a request: its HTTP status, Discord's JSON error code (10008 Unknown Message,
 * 50013 Missing Permissions, ...) and message. The same type in every messaging mode, so a cog's
 * error handling works however requests travel.
 */
public class DiscordRequestException extends RuntimeException {
  public static final int UNKNOWN_CHANNEL = 10003;
  public static final int UNKNOWN_MESSAGE = 10008;
  public static final int UNKNOWN_ROLE = 10011;
  public static final int MISSING_ACCESS = 50001;
  public static final int MISSING_PERMISSIONS = 50013;

  private final int status;
  private final int code;

  public DiscordRequestException(int status, int code, String message) {
    super(status + " / " + code + ": " + message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  /** Whether retrying the same request can succeed (5xx and 429 yes; 4xx no). */
  public boolean retryable() {
    return status >= 500 || status == 429;
  }
}
