package dev.cogworks.sim.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A guild and everything in it. Maps are ordered by id, which is creation order. */
public final class SimGuild {
  public final long id;
  public volatile String name;
  public volatile long ownerId;

  /**
   * Where Discord posts its system messages (joins, boosts), or null: {@code system_channel_id}.
   */
  public volatile Long systemChannelId;

  public final Map<Long, SimChannel> channels = new ConcurrentSkipListMap<>();
  public final Map<Long, SimRole> roles = new ConcurrentSkipListMap<>();
  public final Map<Long, SimMember> members = new ConcurrentSkipListMap<>();
  public final Map<Long, SimEmoji> emojis = new ConcurrentSkipListMap<>();

  /** Who is in a voice or stage channel, by user id; absent means in no channel. */
  public final Map<Long, SimVoiceState> voiceStates = new ConcurrentSkipListMap<>();

  /** What bots changed, oldest first (see {@link SimAuditEntry}). */
  public final List<SimAuditEntry> auditLog = new CopyOnWriteArrayList<>();

  /** Discord's limit of roles in a guild, {@code @everyone} not counted. */
  public static final int MAX_ROLES = 250;

  public SimGuild(long id, String name, long ownerId) {
    this.id = id;
    this.name = name;
    this.ownerId = ownerId;
  }

  public SimRole everyone() {
    return roles.get(id);
  }

  /** Whether another role would pass {@link #MAX_ROLES}. */
  public boolean rolesFull() {
    return roles.size() - 1 >= MAX_ROLES;
  }
}
