package dev.cogworks.sim.model;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A user's membership of a guild. Role ids exclude @everyone, as in Discord's payloads. */
public final class SimMember {
  public final long guildId;
  public final SimUser user;
  public final Set<Long> roleIds = new LinkedHashSet<>();
  public final Instant joinedAt;
  public volatile String nick;

  public SimMember(long guildId, SimUser user, Instant joinedAt) {
    this.guildId = guildId;
    this.user = user;
    this.joinedAt = joinedAt;
  }
}
