package dev.cogworks.sim.model;

/** A Discord user: a person, or a bot account (then {@code bot} is true). */
public final class SimUser {
  public final long id;
  public final String username;
  public final boolean bot;

  public SimUser(long id, String username, boolean bot) {
    this.id = id;
    this.username = username;
    this.bot = bot;
  }
}
