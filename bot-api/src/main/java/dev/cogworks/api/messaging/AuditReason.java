package dev.cogworks.api.messaging;

/** The audit-log reason of a request: Discord keeps at most 512 characters of it. */
final class AuditReason {
  static final int LIMIT = 512;

  private AuditReason() {}

  /** Null or blank stays null (no header); a longer reason is cut to fit. */
  static String checked(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    return reason.length() <= LIMIT ? reason : reason.substring(0, LIMIT - 1) + "…";
  }
}
