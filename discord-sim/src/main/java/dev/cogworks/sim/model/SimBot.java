package dev.cogworks.sim.model;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A bot application: its user, its token, its application id (Discord uses the same id) and the
 * privileged intents switched on for it in the developer portal.
 */
public final class SimBot {
  private static final SecureRandom RANDOM = new SecureRandom();

  public final SimUser user;

  /** Changes only when Discord would reset it: the session start limit was hit. */
  public volatile String token;

  private volatile Set<PrivilegedIntent> privilegedIntents;

  public SimBot(SimUser user, String token, Set<PrivilegedIntent> privilegedIntents) {
    this.user = user;
    this.token = token;
    setPrivilegedIntents(privilegedIntents);
  }

  public long applicationId() {
    return user.id;
  }

  /** A token in Discord's shape: the user id in base64, a timestamp part and an HMAC part. */
  public static String newToken(long userId) {
    String id =
        Base64.getEncoder()
            .withoutPadding()
            .encodeToString(Long.toString(userId).getBytes(StandardCharsets.UTF_8));
    byte[] bytes = new byte[33];
    RANDOM.nextBytes(bytes);
    String random = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return id + "." + random.substring(0, 6) + "." + random.substring(6, 44);
  }

  /** The portal switches that are on, in declaration order (unmodifiable). */
  public Set<PrivilegedIntent> privilegedIntents() {
    return privilegedIntents;
  }

  public boolean hasPrivileged(PrivilegedIntent intent) {
    return privilegedIntents.contains(intent);
  }

  public void setPrivilegedIntents(Set<PrivilegedIntent> enabled) {
    EnumSet<PrivilegedIntent> copy = EnumSet.noneOf(PrivilegedIntent.class);
    copy.addAll(enabled);
    this.privilegedIntents = Collections.unmodifiableSet(copy);
  }

  /** The application's {@code flags} as READY and {@code /applications/@me} report them. */
  public int applicationFlags() {
    return PrivilegedIntent.flags(privilegedIntents);
  }
}
