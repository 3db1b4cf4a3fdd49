package dev.cogworks.sim.model;

/** A bot application: its user, its token and its application id (Discord uses the same id). */
public final class SimBot {
  public final SimUser user;
  public final String token;

  public SimBot(SimUser user, String token) {
    this.user = user;
    this.token = token;
  }

  public long applicationId() {
    return user.id;
  }
}
