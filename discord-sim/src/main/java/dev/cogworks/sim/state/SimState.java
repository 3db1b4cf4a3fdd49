package dev.cogworks.sim.state;

import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.model.SimWebhook;
import dev.cogworks.sim.model.Snowflakes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulated world. Every change happens under one lock ({@link #write}), so REST calls, control
 * calls and gateway dispatch see one consistent order of events — the order Discord would give.
 * Listeners are called under that lock and must only enqueue.
 */
public final class SimState {
  public final Snowflakes ids = new Snowflakes();
  public final Map<Long, SimUser> users = new ConcurrentSkipListMap<>();
  public final Map<Long, SimBot> botsByUserId = new ConcurrentSkipListMap<>();
  public final Map<String, SimBot> botsByToken = new ConcurrentHashMap<>();
  public final Map<Long, SimGuild> guilds = new ConcurrentSkipListMap<>();
  public final Map<Long, SimChannel> channels = new ConcurrentHashMap<>();

  /** Messages per channel, ordered by id (that is, by time). */
  public final Map<Long, TreeMap<Long, SimMessage>> messages = new ConcurrentHashMap<>();

  public final Map<Long, SimCommand> commands = new ConcurrentSkipListMap<>();
  public final Map<Long, SimInteraction> interactions = new ConcurrentHashMap<>();
  public final Map<String, SimInteraction> interactionsByToken = new ConcurrentHashMap<>();
  public final Map<Long, SimWebhook> webhooks = new ConcurrentHashMap<>();

  private final List<Consumer<SimEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  public void addListener(Consumer<SimEvent> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<SimEvent> listener) {
    listeners.remove(listener);
  }

  /** Runs {@code change} atomically with respect to every other change and to event order. */
  public <T> T write(Supplier<T> change) {
    synchronized (lock) {
      return change.get();
    }
  }

  public void write(Runnable change) {
    synchronized (lock) {
      change.run();
    }
  }

  /** Publishes an event; call inside {@link #write} so event order matches change order. */
  public void publish(SimEvent event) {
    for (Consumer<SimEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  /**
   * Removes a member from a guild, as leaving or a kick does: everyone hears GUILD_MEMBER_REMOVE,
   * and a bot also GUILD_DELETE, and loses the managed role its invite created. Call it inside
   * {@link #write}.
   */
  public void removeMember(SimGuild guild, long userId) {
    SimMember member = guild.members.remove(userId);
    if (member == null) {
      return;
    }
    publish(new SimEvent.MemberRemoved(guild.id, member.user));
    if (member.user.bot) {
      // The bot no longer hears about the guild: GUILD_DELETE goes out before its role goes.
      publish(new SimEvent.GuildRemoved(guild.id, userId));
      // Discord drops an application's guild commands when it is removed from the guild: a bot
      // that comes back must register them again (the application id is the bot's user id).
      commands
          .values()
          .removeIf(c -> c.applicationId() == userId && Long.valueOf(guild.id).equals(c.guildId()));
      for (long roleId : List.copyOf(member.roleIds)) {
        var role = guild.roles.get(roleId);
        if (role != null && role.managed) {
          guild.roles.remove(roleId);
          publish(new SimEvent.RoleDeleted(guild.id, roleId));
        }
      }
    }
  }

  /**
   * The DM channel between a person and a bot, created on first use as Discord's "Create DM" does:
   * one channel per pair, whoever opens it. Call it inside {@link #write}.
   */
  public SimChannel directMessageChannel(SimUser user, SimUser bot) {
    for (SimChannel channel : channels.values()) {
      if (channel.isDm() && channel.hasRecipient(user.id) && channel.hasRecipient(bot.id)) {
        return channel;
      }
    }
    SimChannel channel = SimChannel.directMessage(ids.next(), user, bot);
    channels.put(channel.id, channel);
    return channel;
  }

  /** Whether the two users share a guild: Discord lets a bot message only users it can reach. */
  public boolean shareAGuild(long userA, long userB) {
    return guilds.values().stream()
        .anyMatch(g -> g.members.containsKey(userA) && g.members.containsKey(userB));
  }

  public SimGuild guild(long id) {
    SimGuild guild = guilds.get(id);
    if (guild == null) {
      throw DiscordError.unknownGuild();
    }
    return guild;
  }

  public SimChannel channel(long id) {
    SimChannel channel = channels.get(id);
    if (channel == null) {
      throw DiscordError.unknownChannel();
    }
    return channel;
  }

  public SimUser user(long id) {
    SimUser user = users.get(id);
    if (user == null) {
      throw DiscordError.unknownUser();
    }
    return user;
  }

  public SimMember member(long guildId, long userId) {
    SimMember member = guild(guildId).members.get(userId);
    if (member == null) {
      throw DiscordError.unknownMember();
    }
    return member;
  }

  public SimRole role(long guildId, long roleId) {
    SimRole role = guild(guildId).roles.get(roleId);
    if (role == null) {
      throw DiscordError.unknownRole();
    }
    return role;
  }

  public TreeMap<Long, SimMessage> messagesOf(long channelId) {
    return messages.computeIfAbsent(channelId, id -> new TreeMap<>());
  }

  /** A live (not deleted) message of the channel. */
  public SimMessage message(long channelId, long messageId) {
    SimMessage message = messagesOf(channel(channelId).id).get(messageId);
    if (message == null || message.deleted()) {
      throw DiscordError.unknownMessage();
    }
    return message;
  }

  public Optional<SimMessage> findMessage(long messageId) {
    for (TreeMap<Long, SimMessage> channel : messages.values()) {
      SimMessage message = channel.get(messageId);
      if (message != null) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }
}
