package dev.cogworks.sim.model;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** A bot application: its user, its token and its application id (Discord uses the same id). */
public final class SimBot {
  private static final SecureRandom RANDOM = new SecureRandom();

  public final SimUser user;

  /** Changes only when Discord would reset it: the session start limit was hit. */
  public volatile String token;

  public SimBot(SimUser user, String token) {
    this.user = user;
    this.token = token;
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
}
