package dev.cogworks.api.messaging;

import java.util.Set;

/**
 * Who a message may ping. The default pings nobody: no @everyone/@here, no roles, and users only
 * where the caller lists them, so a bot echoing user text can never be made to mass-ping.
 */
public record AllowedMentions(boolean everyone, boolean roles, boolean allUsers, Set<Long> users) {
  public static final AllowedMentions NONE = new AllowedMentions(false, false, false, Set.of());

  public AllowedMentions {
    users = Set.copyOf(users);
  }

  /** Only these users may be pinged. */
  public static AllowedMentions users(Long... userIds) {
    return new AllowedMentions(false, false, false, Set.of(userIds));
  }

  /** Every mentioned user may be pinged (still no @everyone or roles). */
  public static AllowedMentions anyUser() {
    return new AllowedMentions(false, false, true, Set.of());
  }
}
