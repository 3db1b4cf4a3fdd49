package dev.cogworks.sim;

import static dev.cogworks.sim.DiscordAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.control.ControlException;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimAuditEntry;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.sim.state.SimEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Giving and taking members' roles as Discord enforces it: Manage Roles, strictly below the bot's
 * highest role, never a managed role or {@code @everyone}, 250 roles a guild, and an audit log
 * entry with the request's reason. Raw HTTP, so that no client-side check hides the answer.
 */
@DisplayName("Member roles: hierarchy, managed roles, limits and the audit log")
class MemberRolesTest {
  private static DiscordSim sim;
  private static SimGuild guild;
  private static SimBot bot;
  private static SimHttp http;
  private static long alice;
  private static SimRole botRole;
  private static final List<SimEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    // Buckets relaxed: these tests are about the rules, RateLimitTest is about the limits.
    sim =
        DiscordSim.start(
            SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.001)));
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("rolebot", PrivilegedIntent.all());
    http = new SimHttp(sim, bot.token);
    alice = sim.control().userByName("alice").orElseThrow().id;
    botRole =
        guild.roles.values().stream()
            .filter(r -> r.managed && r.name.equals("rolebot"))
            .findFirst()
            .orElseThrow();
    sim.control().state().addListener(events::add);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String memberRole(long user, long role) {
    return "guilds/" + guild.id + "/members/" + user + "/roles/" + role;
  }

  @Test
  @DisplayName(
      "A role below the bot's: given with the reason in the audit log, GUILD_MEMBER_UPDATE; again"
          + " is 204 with no new entry; taken")
  void belowWithReason() {
    SimRole red = sim.control().createRole(guild.id, "Red", 0, 1, 0xE74C3C, false);
    String reason = "role add by alice (self-serve): Ünïcode ok";

    SimHttp.Answer added =
        http.send(
            "PUT",
            memberRole(alice, red.id),
            null,
            "X-Audit-Log-Reason",
            URLEncoder.encode(reason, StandardCharsets.UTF_8));
    SimHttp.Answer again = http.send("PUT", memberRole(alice, red.id), null);

    assertThat(added.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(204);
    assertThat(guild.members.get(alice).roleIds).contains(red.id);
    assertThat(events)
        .anyMatch(e -> e instanceof SimEvent.MemberUpdated m && m.member().user.id == alice);
    List<SimAuditEntry> entries =
        sim.control().auditLog(guild.id).stream().filter(e -> e.roleId() == red.id).toList();
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).reason()).isEqualTo(reason);
    assertThat(entries.get(0).added()).isTrue();
    assertThat(entries.get(0).userId()).isEqualTo(bot.user.id);
    assertThat(entries.get(0).targetId()).isEqualTo(alice);

    SimHttp.Answer removed = http.send("DELETE", memberRole(alice, red.id), null);
    assertThat(removed.status()).isEqualTo(204);
    assertThat(guild.members.get(alice).roleIds).doesNotContain(red.id);

    JsonNode log = SimHttp.control(sim).get("_sim/guilds/" + guild.id + "/audit-log").json();
    JsonNode last = log.path("audit_log_entries").get(log.path("audit_log_entries").size() - 1);
    assertThat(last.path("action_type").asInt()).isEqualTo(25);
    assertThat(last.path("target_id").asText()).isEqualTo(Long.toString(alice));
    assertThat(last.path("changes").get(0).path("key").asText()).isEqualTo("$remove");
    assertThat(last.path("changes").get(0).path("new_value").get(0).path("id").asText())
        .isEqualTo(Long.toString(red.id));
    assertThat(last.has("reason")).as("no header, no reason").isFalse();
  }

  @Test
  @DisplayName("At the bot's highest position or above: 403 / 50013, both ways, nothing changes")
  void atOrAboveTheBot() {
    SimRole level = sim.control().createRole(guild.id, "Level", 0, botRole.position);
    SimRole above = sim.control().createRole(guild.id, "Above", 0, botRole.position + 1);
    sim.control().addMember(guild.id, alice, List.of(above.id));

    assertError(http.send("PUT", memberRole(alice, level.id), null), 403, 50013);
    assertError(http.send("DELETE", memberRole(alice, above.id), null), 403, 50013);
    assertThat(guild.members.get(alice).roleIds).contains(above.id).doesNotContain(level.id);
  }

  @Test
  @DisplayName("A managed (integration) role and @everyone cannot be given: 403 / 50013")
  void managedAndEveryone() {
    SimRole integration = sim.control().createRole(guild.id, "Twitch Subs", 0, 1, 0, true);

    assertError(http.send("PUT", memberRole(alice, integration.id), null), 403, 50013);
    assertError(http.send("PUT", memberRole(alice, guild.id), null), 403, 50013);
    assertThat(guild.members.get(alice).roleIds).doesNotContain(integration.id);
  }

  @Test
  @DisplayName("Without Manage Roles: 50013; a guild the bot is not in: 50001; no such role: 10011")
  void permissionAndAccess() {
    SimBot weak =
        sim.control()
            .createBot(
                "weakbot", List.of(guild.id), Permission.VIEW_CHANNEL, PrivilegedIntent.none());
    SimRole low = sim.control().createRole(guild.id, "Low", 0, 1);
    SimGuild elsewhere = sim.control().createGuild("Elsewhere", alice);

    assertError(
        new SimHttp(sim, weak.token).send("PUT", memberRole(alice, low.id), null), 403, 50013);
    assertError(
        http.send("PUT", "guilds/" + elsewhere.id + "/members/" + alice + "/roles/" + low.id, null),
        403,
        50001);
    assertError(http.send("PUT", memberRole(alice, 42), null), 404, 10011);
  }

  @Test
  @DisplayName(
      "250 roles a guild (@everyone aside): the next is 400 / 30005, and refused by control")
  void roleLimit() {
    SimGuild full = sim.control().createGuild("Full", alice);
    sim.control().inviteBot(full.id, bot.user.id, Permission.ADMINISTRATOR);
    // the bot's own role is the first
    for (int i = 1; i < SimGuild.MAX_ROLES - 1; i++) {
      sim.control().createRole(full.id, "r" + i, 0, 1);
    }
    SimHttp.Answer last = http.post("guilds/" + full.id + "/roles", "{\"name\":\"last\"}");
    SimHttp.Answer over = http.post("guilds/" + full.id + "/roles", "{\"name\":\"over\"}");

    assertThat(last.status()).isEqualTo(200);
    assertThat(full.roles).hasSize(SimGuild.MAX_ROLES + 1);
    assertError(over, 400, 30005);
    assertThat(over.json().path("message").asText())
        .isEqualTo("Maximum number of guild roles reached (250)");
    assertThatThrownBy(() -> sim.control().createRole(full.id, "more", 0, 1))
        .isInstanceOf(ControlException.class)
        .hasMessageContaining("250");
    assertThat(Set.copyOf(full.roles.keySet())).hasSize(SimGuild.MAX_ROLES + 1);
  }
}
