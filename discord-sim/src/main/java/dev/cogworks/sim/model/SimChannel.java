package dev.cogworks.sim.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A guild text channel (type 0); messages live in {@link SimMessage} keyed by channel. */
public final class SimChannel {
  public static final int GUILD_TEXT = 0;

  public final long id;
  public final long guildId;
  public volatile String name;
  public volatile String topic;
  public volatile int position;
  public final List<PermissionOverwrite> overwrites = new CopyOnWriteArrayList<>();
  public volatile long lastMessageId;

  public SimChannel(long id, long guildId, String name, int position) {
    this.id = id;
    this.guildId = guildId;
    this.name = name;
    this.position = position;
  }
}
