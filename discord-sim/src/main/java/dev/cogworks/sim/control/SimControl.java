package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.faults.Faults;
import dev.cogworks.sim.gateway.Gateway;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimAuditEntry;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.ratelimit.RateLimiter;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import dev.cogworks.sim.state.SimStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The simulator's control surface as a Java API: build the world, act as its users, and inspect
 * what bots did. The HTTP control API under {@code /_sim} is a thin layer over this class.
 */
public final class SimControl {
  /** What a bot's managed role grants unless asked otherwise: what a typical invite requests. */
  public static final long DEFAULT_BOT_PERMISSIONS =
      Permission.VIEW_CHANNEL
          | Permission.SEND_MESSAGES
          | Permission.EMBED_LINKS
          | Permission.ATTACH_FILES
          | Permission.READ_MESSAGE_HISTORY
          | Permission.ADD_REACTIONS
          | Permission.USE_EXTERNAL_EMOJIS
          | Permission.MANAGE_MESSAGES
          | Permission.MANAGE_ROLES
          | Permission.MANAGE_WEBHOOKS
          | Permission.USE_APPLICATION_COMMANDS;

  private final SimState state;
  private final MessageWriter writer;
  private final SimStats stats;
  private final Faults faults;
  private final RateLimiter limiter;
  private final Gateway gateway;
  private final InteractionFactory interactions;
  private final DirectMessages directMessages;
  private final ServerChanges changes;
  private final Clock clock;
  private final Duration ackWindow;
  private final PageLinks pageLinks = new PageLinks();

  private volatile Set<PrivilegedIntent> defaultPrivilegedIntents = Set.of();

  public SimControl(
      SimState state,
      MessageWriter writer,
      SimStats stats,
      Faults faults,
      RateLimiter limiter,
      Gateway gateway,
      Clock clock,
      Duration acknowledgementWindow) {
    this.state = state;
    this.writer = writer;
    this.stats = stats;
    this.faults = faults;
    this.limiter = limiter;
    this.gateway = gateway;
    this.interactions = new InteractionFactory(state, clock);
    this.directMessages = new DirectMessages(state, writer);
    this.changes = new ServerChanges(state, writer);
    this.clock = clock;
    this.ackWindow = acknowledgementWindow;
  }

  // ---- building the world ----

  public SimUser createUser(String username) {
    requireName("username", username);
    return state.write(
        () -> {
          SimUser user = new SimUser(state.ids.next(), username, false);
          state.users.put(user.id, user);
          return user;
        });
  }

  /** A guild with its @everyone role; {@code ownerId} may be null (no owner among its members). */
  public SimGuild createGuild(String name, Long ownerId) {
    return createGuild(name, ownerId, state.ids::next);
  }

  /**
   * A guild as {@link #createGuild}, with an id Discord routes to shard {@code shardId} of {@code
   * shardCount} ({@code (guild_id >> 22) % shardCount == shardId}), for tests of sharding.
   */
  public SimGuild createGuildOnShard(String name, Long ownerId, int shardId, int shardCount) {
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      throw new ControlException(
          "shard " + shardId + " of " + shardCount + ": need 0 <= shard id < shard count");
    }
    return createGuild(name, ownerId, () -> state.ids.nextOnShard(shardId, shardCount));
  }

  private SimGuild createGuild(String name, Long ownerId, LongSupplier newId) {
    requireName("name", name);
    return state.write(
        () -> {
          SimGuild guild = new SimGuild(newId.getAsLong(), name, ownerId == null ? 0 : ownerId);
          guild.roles.put(
              guild.id,
              new SimRole(guild.id, guild.id, "@everyone", Permission.DEFAULT_EVERYONE, 0));
          state.guilds.put(guild.id, guild);
          if (ownerId != null) {
            addMemberLocked(guild, state.user(ownerId), List.of());
          }
          return guild;
        });
  }

  public SimChannel createChannel(long guildId, String name) {
    return createChannel(guildId, name, List.of());
  }

  public SimChannel createChannel(long guildId, String name, List<PermissionOverwrite> overwrites) {
    return createChannel(guildId, name, SimChannel.GUILD_TEXT, overwrites);
  }

  /** A channel of {@code type}: 0 text, 2 voice, 13 stage (Discord's channel types). */
  public SimChannel createChannel(
      long guildId, String name, int type, List<PermissionOverwrite> overwrites) {
    requireName("name", name);
    if (type != SimChannel.GUILD_TEXT
        && type != SimChannel.GUILD_VOICE
        && type != SimChannel.GUILD_STAGE_VOICE) {
      throw new ControlException("type must be 0 (text), 2 (voice) or 13 (stage), was " + type);
    }
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          // Text and voice channels are ordered apart, as in Discord's channel list.
          boolean audio = type != SimChannel.GUILD_TEXT;
          int position =
              (int) guild.channels.values().stream().filter(c -> c.isAudio() == audio).count();
          SimChannel channel = new SimChannel(state.ids.next(), guild.id, type, name, position);
          channel.overwrites.addAll(overwrites);
          guild.channels.put(channel.id, channel);
          state.channels.put(channel.id, channel);
          state.publish(new SimEvent.ChannelCreated(channel));
          return channel;
        });
  }

  public SimRole createRole(long guildId, String name, long permissions, int position) {
    return createRole(guildId, name, permissions, position, 0, false);
  }

  /**
   * A role at {@code position} (other roles stay where they are, so two may share one, as after
   * Discord's own reorders; ties go to the lower id). {@code managed} makes it an integration's
   * role, which nobody can give or take. At most {@link SimGuild#MAX_ROLES}, as on Discord.
   */
  public SimRole createRole(
      long guildId, String name, long permissions, int position, int color, boolean managed) {
    requireName("name", name);
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          if (guild.rolesFull()) {
            throw new ControlException(
                guild.name + " has " + SimGuild.MAX_ROLES + " roles, Discord's maximum");
          }
          SimRole role =
              new SimRole(state.ids.next(), guild.id, name, permissions, Math.max(1, position));
          role.color = color;
          role.managed = managed;
          guild.roles.put(role.id, role);
          state.publish(new SimEvent.RoleCreated(role));
          return role;
        });
  }

  /** The guild's audit log, oldest first: what bots changed and the reasons they gave. */
  public List<SimAuditEntry> auditLog(long guildId) {
    return List.copyOf(state.guild(guildId).auditLog);
  }

  /** Takes roles from a member (GUILD_MEMBER_UPDATE when any was held). */
  public SimMember removeRoles(long guildId, long userId, Collection<Long> roleIds) {
    return state.write(
        () -> {
          SimMember member = state.member(guildId, userId);
          if (member.roleIds.removeAll(roleIds)) {
            state.publish(new SimEvent.MemberUpdated(member));
          }
          return member;
        });
  }

  public SimMember addMember(long guildId, long userId, Collection<Long> roleIds) {
    return state.write(() -> addMemberLocked(state.guild(guildId), state.user(userId), roleIds));
  }

  private SimMember addMemberLocked(SimGuild guild, SimUser user, Collection<Long> roleIds) {
    for (long roleId : roleIds) {
      if (!guild.roles.containsKey(roleId) || roleId == guild.id) {
        throw new ControlException("unknown role " + roleId + " in " + guild.name);
      }
    }
    SimMember existing = guild.members.get(user.id);
    if (existing != null) {
      if (existing.roleIds.addAll(roleIds)) {
        state.publish(new SimEvent.MemberUpdated(existing));
      }
      return existing;
    }
    SimMember member = new SimMember(guild.id, user, clock.instant());
    member.roleIds.addAll(roleIds);
    guild.members.put(user.id, member);
    state.publish(new SimEvent.MemberAdded(member));
    if (user.bot) {
      state.publish(new SimEvent.GuildAvailable(guild, user.id));
    }
    return member;
  }

  /** Removes a member (a kick; for a bot, as if an admin removed it from the server). */
  public void removeMember(long guildId, long userId) {
    state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          if (!guild.members.containsKey(userId)) {
            throw new ControlException("user " + userId + " is not a member of " + guild.name);
          }
          state.removeMember(guild, userId);
        });
  }

  /**
   * Adds an existing bot to a guild, as an invite does: a managed role of its own, GUILD_CREATE.
   */
  public void inviteBot(long guildId, long botUserId, long permissions) {
    state.write(
        () -> {
          SimBot bot = state.botsByUserId.get(botUserId);
          if (bot == null) {
            throw new ControlException("no bot with user id " + botUserId);
          }
          SimGuild guild = state.guild(guildId);
          if (guild.members.containsKey(botUserId)) {
            throw new ControlException(bot.user.username + " is already in " + guild.name);
          }
          joinBot(guild, bot, permissions);
        });
  }

  public SimEmoji createEmoji(long guildId, String name, boolean animated) {
    requireName("name", name);
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          SimEmoji emoji = new SimEmoji(state.ids.next(), guild.id, name, animated);
          guild.emojis.put(emoji.id(), emoji);
          state.publish(new SimEvent.EmojisUpdated(guild));
          return emoji;
        });
  }

  /**
   * A bot user with a token, joined to {@code guildIds} (every guild when null) with a managed role
   * of its own at the top of the hierarchy, as an invite with permissions creates; {@code
   * privilegedIntents} are the developer portal's switches for its application.
   */
  public SimBot createBot(
      String username,
      Collection<Long> guildIds,
      long permissions,
      Set<PrivilegedIntent> privilegedIntents) {
    requireName("username", username);
    return state.write(
        () -> {
          SimUser user = new SimUser(state.ids.next(), username, true);
          state.users.put(user.id, user);
          SimBot bot = new SimBot(user, SimBot.newToken(user.id), privilegedIntents);
          state.botsByUserId.put(user.id, bot);
          state.botsByToken.put(bot.token, bot);
          Collection<Long> targets =
              guildIds == null ? List.copyOf(state.guilds.keySet()) : guildIds;
          for (long guildId : targets) {
            joinBot(state.guild(guildId), bot, permissions);
          }
          return bot;
        });
  }

  /** As {@link #createBot(String, Collection, long, Set)}, every privileged intent off. */
  public SimBot createBot(String username, Collection<Long> guildIds, long permissions) {
    return createBot(username, guildIds, permissions, PrivilegedIntent.none());
  }

  /**
   * A bot in every guild with the usual permissions and no privileged intent: a new application on
   * Discord has every portal switch off.
   */
  public SimBot createBot(String username) {
    return createBot(username, null, DEFAULT_BOT_PERMISSIONS, PrivilegedIntent.none());
  }

  /** A bot in every guild with the usual permissions and these privileged intents switched on. */
  public SimBot createBot(String username, Set<PrivilegedIntent> privilegedIntents) {
    return createBot(username, null, DEFAULT_BOT_PERMISSIONS, privilegedIntents);
  }

  /**
   * The portal switches a bot created through the control API gets when its request names none:
   * Discord's (all off), unless the world was seeded as the sandbox, whose bots are Cogworks.
   */
  public Set<PrivilegedIntent> defaultPrivilegedIntents() {
    return defaultPrivilegedIntents;
  }

  public void setDefaultPrivilegedIntents(Set<PrivilegedIntent> intents) {
    this.defaultPrivilegedIntents = Set.copyOf(intents);
  }

  /**
   * Sets the portal switches of a bot's application. REST answers follow at once; a gateway session
   * keeps the intents it identified with until it identifies again.
   */
  public SimBot setPrivilegedIntents(long botUserId, Set<PrivilegedIntent> privilegedIntents) {
    return state.write(
        () -> {
          SimBot bot = state.botsByUserId.get(botUserId);
          if (bot == null) {
            throw new ControlException(404, "no bot with user id " + botUserId);
          }
          bot.setPrivilegedIntents(privilegedIntents);
          return bot;
        });
  }

  private void joinBot(SimGuild guild, SimBot bot, long permissions) {
    int top = guild.roles.values().stream().mapToInt(r -> r.position).max().orElse(0);
    SimRole role = new SimRole(state.ids.next(), guild.id, bot.user.username, permissions, top + 1);
    role.managed = true;
    guild.roles.put(role.id, role);
    state.publish(new SimEvent.RoleCreated(role));
    addMemberLocked(guild, bot.user, List.of(role.id));
  }

  /** A Discord-shaped token: base64 of the user id, a timestamp part and a random part. */

  // ---- acting as users ----

  /**
   * A user posts in a channel; bots receive MESSAGE_CREATE. {@code at} back-dates (may be null).
   */
  public SimMessage postMessage(long channelId, long authorId, String content, Instant at) {
    requireContent(content);
    return state.write(
        () -> {
          SimChannel channel = state.channel(channelId);
          SimUser author = state.user(authorId);
          if (channel.isDm()) {
            if (!channel.hasRecipient(authorId)) {
              throw new ControlException(author.username + " is not in this DM");
            }
            return writer.create(
                channel,
                Json.object().put("content", content),
                MessageWriter.Origin.of(author),
                at);
          }
          if (!state.guild(channel.guildId).members.containsKey(authorId)) {
            throw new ControlException(author.username + " is not a member of this guild");
          }
          ObjectNode body = Json.object().put("content", content);
          return writer.create(channel, body, MessageWriter.Origin.of(author), at);
        });
  }

  public SimMessage postMessage(long channelId, long authorId, String content) {
    return postMessage(channelId, authorId, content, null);
  }

  /** The DM channel between a person and a bot, created on first use (one per pair). */
  public SimChannel openDirectMessage(long userId, long botUserId) {
    return directMessages.open(userId, botUserId);
  }

  /**
   * A person writes to a bot privately: MESSAGE_CREATE without {@code guild_id}, to the bot only,
   * and only if it identified with DIRECT_MESSAGES.
   */
  public SimMessage postDirectMessage(long userId, long botUserId, String content) {
    return directMessages.post(userId, botUserId, content);
  }

  /** The author edits their message: MESSAGE_UPDATE. */
  public SimMessage editMessage(long messageId, long userId, String content) {
    return changes.editMessage(messageId, userId, content);
  }

  /** The author deletes their message: MESSAGE_DELETE. */
  public void deleteMessage(long messageId, long userId) {
    changes.deleteMessage(messageId, userId);
  }

  /** A channel is deleted: CHANNEL_DELETE. */
  public SimChannel deleteChannel(long channelId) {
    return changes.deleteChannel(channelId);
  }

  /** A channel's permission overwrites are replaced: CHANNEL_UPDATE. */
  public SimChannel setPermissionOverwrites(long channelId, List<PermissionOverwrite> overwrites) {
    return changes.setOverwrites(channelId, overwrites);
  }

  /** A guild's system channel is set, or cleared with null: GUILD_UPDATE. */
  public SimGuild setSystemChannel(long guildId, Long channelId) {
    return changes.setSystemChannel(guildId, channelId);
  }

  /** A channel is marked NSFW (age-restricted) or not: CHANNEL_UPDATE. */
  public SimChannel setNsfw(long channelId, boolean nsfw) {
    return changes.setNsfw(channelId, nsfw);
  }

  /** Roles move to new positions (role id to position): GUILD_ROLE_UPDATE for each moved role. */
  public List<SimRole> reorderRoles(long guildId, java.util.Map<Long, Integer> positions) {
    return changes.reorderRoles(guildId, positions);
  }

  static void requireContent(String content) {
    if (content == null || content.isBlank()) {
      throw new ControlException("content must not be empty");
    }
    if (content.length() > 2000) {
      throw new ControlException("content is over Discord's 2000 characters");
    }
  }

  /** A user runs a slash command; {@code commandLine} is "name" or "name subcommand". */
  public SimInteraction runCommand(
      long guildId, long channelId, long userId, String commandLine, JsonNode options) {
    return runCommandIn((Long) guildId, channelId, userId, commandLine, options);
  }

  /**
   * A user runs a slash command in a guild channel ({@code guildId} may be null: the channel's
   * guild) or in their DM with a bot ({@code guildId} null). In a DM only that bot's global
   * commands whose contexts include BOT_DM can run; others are refused with 400, as Discord's
   * client does not offer them there.
   */
  public SimInteraction runCommandIn(
      Long guildId, long channelId, long userId, String commandLine, JsonNode options) {
    return state.write(
        () -> interactions.command(guildId, channelId, userId, commandLine, options, null));
  }

  /**
   * A person runs a slash command in their DM with a bot (opened if needed): the bot receives an
   * interaction with {@code user} and no {@code member}, context BOT_DM.
   */
  public SimInteraction runDirectMessageCommand(
      long userId, long botUserId, String commandLine, JsonNode options) {
    return state.write(
        () -> {
          SimChannel dm = directMessages.open(userId, botUserId);
          return interactions.command(null, dm.id, userId, commandLine, options, null);
        });
  }

  /**
   * A user types into option {@code focused} of a slash command: its bot receives an
   * APPLICATION_COMMAND_AUTOCOMPLETE interaction with the options typed so far ({@code focused}'s
   * value as typed, empty when absent). Blocks the calling thread until the bot answers with
   * callback type 8, at most the acknowledgement window, and returns the choices it answered.
   *
   * @throws ControlException 400 for an unknown command or an option without autocomplete, 504 when
   *     the bot does not answer in time
   */
  public ArrayNode autocomplete(
      Long guildId,
      long channelId,
      long userId,
      String commandLine,
      JsonNode options,
      String focused) {
    if (focused == null || focused.isBlank()) {
      throw new ControlException("focused is required: the option being typed");
    }
    SimInteraction interaction =
        state.write(
            () -> interactions.command(guildId, channelId, userId, commandLine, options, focused));
    try {
      JsonNode answer = interaction.response.get(ackWindow.toMillis(), TimeUnit.MILLISECONDS);
      JsonNode choices = answer.path("data").path("choices");
      return choices.isArray() ? (ArrayNode) choices.deepCopy() : Json.array();
    } catch (TimeoutException e) {
      throw new ControlException(
          504,
          interaction.bot.user.username
              + " did not answer the autocomplete within "
              + ackWindow.toMillis()
              + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlException(503, "interrupted while waiting for the autocomplete answer");
    } catch (ExecutionException e) {
      // The response future is only ever completed normally.
      throw new IllegalStateException(e.getCause());
    }
  }

  public SimInteraction clickComponent(
      long messageId, long userId, String customId, JsonNode values) {
    return state.write(() -> interactions.componentClick(messageId, userId, customId, values));
  }

  // ---- inspecting ----

  public SimState state() {
    return state;
  }

  public SimStats stats() {
    return stats;
  }

  public int invalidRequests() {
    return limiter.invalidCount();
  }

  public void resetStats() {
    stats.reset();
    limiter.reset();
  }

  public Gateway gateway() {
    return gateway;
  }

  public Faults faults() {
    return faults;
  }

  /** Links the chat page shows in its header (e.g. the sandbox's queue monitor). */
  public PageLinks pageLinks() {
    return pageLinks;
  }

  /** Clears REST faults and ends gateway stalls. */
  public void clearFaults() {
    faults.clear();
    gateway.clearStalls();
  }

  /** Every message of the channel, oldest first, deleted ones included (marked). */
  public List<SimMessage> messages(long channelId) {
    return state.write(
        () -> {
          state.channel(channelId);
          return new ArrayList<>(state.messagesOf(channelId).values());
        });
  }

  public ArrayNode messagesJson(long channelId) {
    return state.write(
        () -> {
          ArrayNode result = Json.array();
          messages(channelId).forEach(m -> result.add(ControlJson.message(m)));
          return result;
        });
  }

  public ObjectNode stateJson() {
    return state.write(() -> ControlJson.world(state));
  }

  public Optional<SimGuild> guildByName(String name) {
    return state.guilds.values().stream().filter(g -> g.name.equals(name)).findFirst();
  }

  public Optional<SimChannel> channelByName(long guildId, String name) {
    return state.guild(guildId).channels.values().stream()
        .filter(c -> c.name.equals(name))
        .findFirst();
  }

  public Optional<SimUser> userByName(String username) {
    return state.users.values().stream().filter(u -> u.username.equals(username)).findFirst();
  }

  /**
   * Commands a person in the guild can run: the guild's own and every global one of its bots whose
   * contexts include GUILD.
   */
  public ArrayNode commandsJson(long guildId) {
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          ArrayNode result = Json.array();
          state.commands.values().stream()
              .filter(c -> c.guildId() == null || c.guildId() == guildId)
              .filter(c -> guild.members.containsKey(c.applicationId()))
              .filter(c -> c.usableIn(SimCommand.GUILD))
              .forEach(c -> result.add(c.json()));
          return result;
        });
  }

  /**
   * Commands Discord's client offers in a channel: in a guild channel as {@link #commandsJson}; in
   * a DM the global commands of the bot on the other side whose contexts include BOT_DM.
   */
  public ArrayNode channelCommandsJson(long channelId) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(channelId);
          if (!channel.isDm()) {
            return commandsJson(channel.guildId);
          }
          ArrayNode result = Json.array();
          SimBot bot =
              channel.recipients.stream()
                  .map(u -> state.botsByUserId.get(u.id))
                  .filter(java.util.Objects::nonNull)
                  .findFirst()
                  .orElseThrow();
          state.commands.values().stream()
              .filter(c -> c.applicationId() == bot.applicationId())
              .filter(c -> c.usableIn(SimCommand.BOT_DM))
              .forEach(c -> result.add(c.json()));
          return result;
        });
  }

  private static void requireName(String field, String value) {
    if (value == null || value.isBlank() || value.length() > 100) {
      throw new ControlException(field + " must be 1 to 100 characters");
    }
  }
}
