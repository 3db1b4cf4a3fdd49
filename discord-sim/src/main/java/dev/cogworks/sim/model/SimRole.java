package dev.cogworks.sim.model;

/** A guild role. The @everyone role has the guild's id and position 0. */
public final class SimRole {
  public final long id;
  public final long guildId;
  public volatile String name;
  public volatile long permissions;
  public volatile int position;
  public volatile int color;
  public volatile boolean hoist;
  public volatile boolean mentionable;
  public volatile boolean managed;

  public SimRole(long id, long guildId, String name, long permissions, int position) {
    this.id = id;
    this.guildId = guildId;
    this.name = name;
    this.permissions = permissions;
    this.position = position;
  }

  public boolean isEveryone() {
    return id == guildId;
  }
}
