package dev.cogworks.role;

import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.sim.model.SimAuditEntry;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the role tests do: roles of their own (unique names, so tests never meet), the bot's role
 * moved high enough that there is room below it, members given roles through the simulator, and
 * waits until the bot (and its gateway workers) saw each change, so that a command never races its
 * own setup.
 */
abstract class RoleSteps {
  static final Duration PATIENCE = Duration.ofSeconds(20);

  /** Where the bot's own role sits in each test guild: roles below it are the bot's to give. */
  static final int BOT_POSITION = 300;

  private static final AtomicInteger NAMES = new AtomicInteger();

  abstract CogworksHarness bot();

  abstract RoleCog cog();

  static CogworksHarness harness(RoleCog cog, String mode) {
    return CogworksHarness.with(cog).config("messaging.mode", mode);
  }

  @BeforeEach
  void botRoleHighUp() {
    raiseBot(bot().guild());
  }

  /** Moves the bot's managed role to {@link #BOT_POSITION} in {@code guild}, once. */
  void raiseBot(SimGuild guild) {
    SimRole own =
        guild.roles.values().stream()
            .filter(r -> r.managed && guild.members.get(bot().botUser().id).roleIds.contains(r.id))
            .findFirst()
            .orElseThrow();
    if (own.position != BOT_POSITION) {
      bot().sim().control().reorderRoles(guild.id, Map.of(own.id, BOT_POSITION));
    }
    await("the bot sees its role at " + BOT_POSITION)
        .atMost(PATIENCE)
        .until(() -> view(guild.id).botHighest() == BOT_POSITION);
  }

  /** A new member of the sandbox guild with a unique name, for tests whose caller holds roles. */
  String person(String base) {
    String name = unique(base);
    var user = bot().sim().control().createUser(name);
    bot().sim().control().addMember(guildId(), user.id, List.of());
    await("the bot sees " + name).atMost(PATIENCE).until(() -> member(user.id).userId() == user.id);
    return name;
  }

  long guildId() {
    return bot().guild().id;
  }

  long userId(String name) {
    return bot().user(name).id;
  }

  String unique(String base) {
    return base + NAMES.incrementAndGet();
  }

  SimRole role(String base, long permissions, int position) {
    return role(bot().guild(), base, permissions, position, 0, false);
  }

  /** A role with a unique name, once the bot can see it. */
  SimRole role(
      SimGuild guild, String base, long permissions, int position, int color, boolean managed) {
    SimRole role =
        bot()
            .sim()
            .control()
            .createRole(guild.id, unique(base), permissions, position, color, managed);
    await("the bot sees role " + role.name)
        .atMost(PATIENCE)
        .until(() -> view(guild.id).role(role.id).isPresent());
    return role;
  }

  /** Gives {@code user} roles in the sandbox guild, once Discord (and the bot) have them. */
  void give(String user, SimRole... roles) {
    long id = userId(user);
    List<Long> ids = Arrays.stream(roles).map(r -> r.id).toList();
    bot().sim().control().addMember(guildId(), id, ids);
    await("the bot sees " + user + "'s roles")
        .atMost(PATIENCE)
        .until(() -> member(id).roleIds().containsAll(ids));
  }

  GuildView view(long guild) {
    try {
      return cog().view(guild).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  GuildMember member(long user) {
    try {
      return cog().member(guildId(), user).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Whether Discord (the simulator) has given {@code user} the role. */
  boolean has(String user, SimRole role) {
    return bot().guild().members.get(userId(user)).roleIds.contains(role.id);
  }

  List<SimAuditEntry> audit(SimRole role) {
    return bot().sim().control().auditLog(role.guildId).stream()
        .filter(e -> e.roleId() == role.id)
        .toList();
  }

  SimChannel newChannel(String base) {
    return bot().sim().control().createChannel(guildId(), unique(base));
  }

  /** The bot's role panel messages in {@code channel}, oldest first. */
  List<SimMessage> panels(SimChannel channel) {
    return bot().botMessages(channel).stream()
        .filter(m -> m.content.startsWith("**Pick your roles**"))
        .toList();
  }

  /** The labels of the buttons on a message as it is now. */
  List<String> buttons(SimMessage message) {
    SimMessage now =
        bot().sim().control().messages(message.channelId).stream()
            .filter(m -> m.id == message.id)
            .findFirst()
            .orElse(message);
    List<String> labels = new java.util.ArrayList<>();
    if (now.components != null) {
      now.components.forEach(
          row ->
              row.path("components")
                  .forEach(
                      c ->
                          Optional.ofNullable(c.path("label").asText(null))
                              .ifPresent(labels::add)));
    }
    return labels;
  }
}
