package dev.cogworks.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimAuditEntry;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The role cog end to end, run in every messaging mode: every command and refusal, pagination at
 * Discord's 250 roles, the panel (buttons and select menus), the setup across a restart, and
 * Discord's errors reaching the cog typed.
 */
abstract class RoleContract extends RoleSteps {
  @Test
  @DisplayName(
      "Self-serve: admin makes a role self-serve, alice takes it (audit reason names her), again is"
          + " 'already had it', and dropping it within 3 s waits for the interval")
  void selfServeRoundTrip() {
    SimRole red = role("Red", 0, 10);
    bot().post("admin", "roles", "!role self-serve add " + red.name);
    bot().awaitReply("roles", "\\*\\*" + red.name + "\\*\\* is self-serve");

    long asked = System.nanoTime();
    bot().post("alice", "roles", "!role add " + red.name);
    bot().awaitReply("roles", "<@" + userId("alice") + ">: ✅ gave \\*\\*" + red.name);
    assertThat(has("alice", red)).isTrue();
    assertThat(audit(red))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("role add by alice (" + userId("alice")));

    bot()
        .post(
            "alice",
            "roles",
            "!role add " + red.name.toUpperCase(java.util.Locale.ROOT)); // names in any case
    bot().awaitReply("roles", "➖ already had \\*\\*" + red.name);

    bot().post("alice", "roles", "!role remove " + red.name);
    bot().awaitReply("roles", "✅ took \\*\\*" + red.name);
    assertThat(has("alice", red)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - asked))
        .as("one change per role per member per 3 s: the removal waited for the interval")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  @DisplayName(
      "Refusals: a role above the bot and a managed role are refused with why, never sent; sent"
          + " anyway, Discord's 403/50013 reaches the cog typed, and 50001 when the member list is"
          + " closed")
  void refusalsAndTypedErrors() throws Exception {
    SimRole top = role("Top", 0, BOT_POSITION + 5);
    SimRole twitch = role(bot().guild(), "Twitch", 0, 10, 0, true);

    bot().post("admin", "roles", "!role add " + top.name);
    bot()
        .awaitReply(
            "roles", "⛔ not allowed: \\*\\*" + top.name + "\\*\\* is at or above my highest role");
    bot().post("admin", "roles", "!role add " + twitch.name + " <@" + userId("bob") + ">");
    bot()
        .awaitReply(
            "roles", "⛔ not allowed: \\*\\*" + twitch.name + "\\*\\* is managed by an integration");
    assertThat(audit(top)).isEmpty();

    // Past the cog's own checks, Discord refuses, and the cog hears Discord's code, typed.
    GuildView view = view(guildId());
    Outcome forced =
        cog()
            .changer()
            .change(
                view,
                Setup.EMPTY,
                new RoleChanger.Wish(
                    userId("bob"), view.role(top.id).orElseThrow(), true, "test", "test"))
            .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(forced.text()).isEqualTo("failed: Discord refused it (Missing Permissions)");
    assertThat(has("bob", top)).isFalse();

    long botId = bot().botUser().id;
    bot().sim().control().setPrivilegedIntents(botId, EnumSet.of(PrivilegedIntent.MESSAGE_CONTENT));
    try {
      assertThatThrownBy(
              () ->
                  cog().membersWith(guildId(), top.id).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              DiscordRequestException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.code()).isEqualTo(50001);
              });
      bot().post("admin", "roles", "!role users " + top.name);
      bot().awaitReply("roles", "cannot read the member list");
    } finally {
      bot()
          .sim()
          .control()
          .setPrivilegedIntents(botId, dev.cogworks.sim.SandboxSeed.BOT_PRIVILEGED_INTENTS);
    }
  }

  @Test
  @DisplayName(
      "The panel: buttons for the self-serve roles; bob's click gives him his role alone; a new"
          + " self-serve role is added to the panel by an edit")
  void panelButtons() {
    SimRole blue = role("Blue", 0, 11);
    SimRole green = role("Green", 0, 12);
    SimChannel here = newChannel("panel");
    bot().post("admin", here, "!role self-serve add " + blue.name);
    bot().awaitReply(here, "is self-serve");
    bot().post("admin", here, "!role self-serve add " + green.name);
    bot().awaitReply(here, "is self-serve");
    bot().post("admin", here, "!role panel");
    bot().awaitReply(here, "^Panel posted \\(1 message\\)");
    SimMessage panel = panels(here).get(0);
    assertThat(buttons(panel)).contains(blue.name, green.name);

    bot().click("bob", panel, blue.name);
    bot().awaitReply(here, "✅ gave \\*\\*" + blue.name);
    assertThat(has("bob", blue)).isTrue();
    assertThat(has("alice", blue)).isFalse();

    SimRole violet = role("Violet", 0, 13);
    bot().post("admin", here, "!role self-serve add " + violet.name);
    bot().awaitReply(here, "is self-serve");
    await("the panel shows " + violet.name)
        .atMost(PATIENCE)
        .until(() -> buttons(panel).contains(violet.name));
    assertThat(panels(here)).hasSize(1);
  }

  @Test
  @DisplayName(
      "role list with 250 roles (Discord's maximum): pages within 2,000 characters, numbered,"
          + " every role once; hidden roles left out")
  void listOf250Roles() {
    SimGuild big = bot().newGuild("Big", "admin", "alice");
    raiseBot(big);
    int existing = big.roles.size() - 1; // @everyone aside: the bot's own role
    for (int i = existing; i < SimGuild.MAX_ROLES - 1; i++) {
      bot()
          .sim()
          .control()
          .createRole(big.id, "rank-" + i + "-" + "x".repeat(i % 17), 0, 1 + i % 200);
    }
    SimRole last = role(big, "last", 0, 250, 0xFFAA00, false);
    assertThat(big.roles).hasSize(SimGuild.MAX_ROLES + 1);
    SimChannel lobby = bot().channel(big, "lobby");

    bot().post("admin", lobby, "!role list");
    SimMessage first =
        bot().awaitReply(lobby, "^\\*\\*Roles of this server \\(250\\)\\*\\* — page 1/");
    int pages = Integer.parseInt(first.content.replaceAll("(?s)^.*? page 1/(\\d+).*$", "$1"));
    assertThat(pages).isGreaterThan(1);
    for (int p = 2; p <= pages; p++) {
      bot().awaitReply(lobby, "page " + p + "/" + pages + "\n");
    }
    List<SimMessage> all =
        bot().botMessages(lobby).stream()
            .filter(m -> m.content.contains("Roles of this server"))
            .toList();
    assertThat(all)
        .hasSize(pages)
        .allSatisfy(m -> assertThat(m.content.length()).isLessThanOrEqualTo(2000));
    List<String> ids = new ArrayList<>();
    Matcher m =
        Pattern.compile("\\*\\* `(\\d+)`")
            .matcher(String.join("\n", all.stream().map(x -> x.content).toList()));
    while (m.find()) {
      ids.add(m.group(1));
    }
    assertThat(ids).hasSize(250).doesNotHaveDuplicates().contains(Long.toString(last.id));
    assertThat(all.get(0).content).contains("**" + last.name + "** `" + last.id + "` · #FFAA00");
  }

  @Test
  @DisplayName(
      "No escalation: a member with Manage Roles gives roles below their highest only, and cannot"
          + " make a higher one self-serve")
  void noEscalation() {
    SimRole mod = role("Mod", Permission.MANAGE_ROLES, 50);
    SimRole high = role("High", 0, 60);
    SimRole low = role("Low", 0, 40);
    String dave = person("dave");
    give(dave, mod);
    long bob = userId("bob");

    bot().slash(dave, "roles", "role add", Map.of("role", high.name, "users", "<@" + bob + ">"));
    bot()
        .awaitReply(
            "roles",
            "⛔ not allowed: \\*\\*" + high.name + "\\*\\* is at or above your highest role");
    bot().slash(dave, "roles", "role add", Map.of("role", low.name, "users", "<@" + bob + ">"));
    bot().awaitReply("roles", "<@" + bob + ">: ✅ gave \\*\\*" + low.name);
    bot().slash(dave, "roles", "role self-serve add", Map.of("role", high.name));
    bot()
        .awaitReply(
            "roles", "Not allowed: \\*\\*" + high.name + "\\*\\* is at or above your highest role");
    assertThat(has("bob", high)).isFalse();
    assertThat(has("bob", low)).isTrue();
  }

  @Test
  @DisplayName(
      "Per-user results; self-serve roles only for the caller; another server's role id is refused")
  void perUserResultsAndForeignIds() {
    SimRole pink = role("Pink", 0, 20);
    bot().post("admin", "roles", "!role self-serve add " + pink.name);
    bot().awaitReply("roles", "is self-serve");
    long alice = userId("alice");
    long bob = userId("bob");
    give("bob", pink);

    bot().post("alice", "roles", "!role add " + pink.name + " <@" + bob + ">");
    bot()
        .awaitReply(
            "roles",
            "<@"
                + bob
                + ">: ⛔ not allowed: \\*\\*"
                + pink.name
                + "\\*\\* is self-serve: members take it themselves");
    bot().post("admin", "roles", "!role add <@&" + pink.id + "> <@" + alice + "> " + bob);
    SimMessage results = bot().awaitReply("roles", "<@" + bob + ">: ➖ already had");
    assertThat(results.content).contains("<@" + alice + ">: ✅ gave **" + pink.name + "**");

    SimGuild other = bot().newGuild("Other", "bob", "alice");
    SimRole foreign = bot().sim().control().createRole(other.id, "Foreign", 0, 1);
    bot().post("admin", "roles", "!role add " + foreign.id);
    bot().awaitReply("roles", "`" + foreign.id + "` is not a role of this server");
    bot().post("admin", "roles", "!role add <@&" + foreign.id + "> <@" + bob + ">");
    bot().awaitReply("roles", "is not a role of this server");

    bot().post("bob", "roles", "!role users " + pink.name);
    SimMessage members =
        bot().awaitReply("roles", "^\\*\\*Members of " + pink.name + " \\(2\\)\\*\\* — page 1/1");
    assertThat(members.content).contains("<@" + alice + "> alice", "<@" + bob + "> bob");
  }

  @Test
  @DisplayName(
      "Rapid toggles on the panel: five clicks in a row cost at most two changes, and the last"
          + " wish wins")
  void rapidToggles() {
    SimRole teal = role("Teal", 0, 21);
    SimChannel here = newChannel("toggles");
    bot().post("admin", here, "!role self-serve add " + teal.name);
    bot().awaitReply(here, "is self-serve");
    bot().post("admin", here, "!role panel");
    bot().awaitReply(here, "^Panel posted");
    SimMessage panel = panels(here).get(0);

    for (int i = 0; i < 5; i++) {
      bot().click("bob", panel, teal.name); // on, off, on, off, on
    }
    await("bob ends with the role").atMost(PATIENCE).until(() -> has("bob", teal));
    // past the interval, no late wish flips it back
    await("bob keeps the role")
        .during(java.time.Duration.ofSeconds(4))
        .atMost(PATIENCE)
        .until(() -> has("bob", teal));
    List<SimAuditEntry> changes = audit(teal);
    assertThat(changes).hasSizeLessThanOrEqualTo(2);
    assertThat(has("bob", teal)).isTrue();
  }

  @Test
  @DisplayName(
      "Dangerous permissions: refused without force, force by a non-administrator refused, forced"
          + " by an administrator with a warning")
  void dangerousPermissions() {
    SimRole kick = role("Kickers", Permission.KICK_MEMBERS, 30);
    SimRole mod = role("Mod", Permission.MANAGE_ROLES, 100);
    String erin = person("erin");
    give(erin, mod);
    bot().post("bob", "roles", "!role self-serve add " + kick.name);
    bot().awaitReply("roles", "^You need the .*Manage Roles.* to use `!role self-serve add`");
    bot().post("admin", "roles", "!role self-serve add " + kick.name);
    bot()
        .awaitReply(
            "roles",
            "⚠️ \\*\\*"
                + kick.name
                + "\\*\\* carries Kick Members: made self-serve, it would hand those out");
    bot().slash(erin, "roles", "role self-serve add", Map.of("role", kick.name, "force", "true"));
    bot().awaitReply("roles", "only an administrator can force it");
    bot().post("admin", "roles", "!role self-serve add " + kick.name + " true");
    bot()
        .awaitReply(
            "roles",
            "^⚠️ Forced: \\*\\*"
                + kick.name
                + "\\*\\* carries Kick Members, and is now self-serve");
    bot().post("admin", "roles", "!role config");
    bot().awaitReply("roles", "\\*\\*" + kick.name + "\\*\\* \\(forced\\)");
  }

  @Test
  @DisplayName(
      "Managers: DJ members give Musicians to others; others cannot; role available shows both"
          + " sections")
  void managers() {
    SimRole dj = role("DJ", 0, 70);
    SimRole musicians = role("Musicians", 0, 65);
    String frank = person("frank");
    give(frank, dj);
    bot().post("admin", "roles", "!role managers set " + dj.name + " " + musicians.name);
    bot()
        .awaitReply(
            "roles", "Members of \\*\\*" + dj.name + "\\*\\* may now give \\*\\*" + musicians.name);

    bot()
        .slash(
            frank,
            "roles",
            "role add",
            Map.of("role", musicians.name, "users", "<@" + userId("bob") + ">"));
    bot().awaitReply("roles", "✅ gave \\*\\*" + musicians.name);
    bot()
        .slash(
            "bob",
            "roles",
            "role add",
            Map.of("role", musicians.name, "users", "<@" + userId(frank) + ">"));
    bot()
        .awaitReply(
            "roles",
            "⛔ not allowed: you may not give \\*\\*" + musicians.name + "\\*\\* to others");
    bot().slash(frank, "roles", "role available");
    SimMessage available = bot().awaitReply("roles", "__You can give others__");
    assertThat(available.content.substring(available.content.indexOf("__You can give others__")))
        .contains("**" + musicians.name + "**");
  }

  @Test
  @DisplayName(
      "Setup persists in PostgreSQL across a restart, and the panel still works after it; hide,"
          + " require and the mod-log channel")
  void setupAcrossRestart() throws InterruptedException {
    SimRole gold = role("Gold", 0, 22);
    SimRole hidden = role("Secret", 0, 23);
    SimRole member = role("Member", 0, 24);
    SimChannel here = newChannel("restart");
    SimChannel modlog = newChannel("modlog");
    bot().post("admin", here, "!role self-serve add " + gold.name);
    bot().awaitReply(here, "is self-serve");
    bot().post("admin", here, "!role hide " + hidden.name);
    bot().awaitReply(here, "is hidden");
    bot().post("admin", here, "!role modlog <#" + modlog.id + ">");
    bot().awaitReply(here, "logged in <#" + modlog.id);
    bot().post("admin", here, "!role panel");
    bot().awaitReply(here, "^Panel posted");
    SimMessage panel = panels(here).get(0);

    bot().restartBot();

    bot().post("admin", here, "!role config");
    SimMessage config = bot().awaitReply(here, "Self-serve: .*" + gold.name);
    assertThat(config.content)
        .contains("Hidden: **" + hidden.name + "**")
        .contains("<#" + modlog.id + ">");
    bot().post("admin", here, "!role list");
    SimMessage list = bot().awaitReply(here, "Roles of this server");
    assertThat(list.content).contains(gold.name).doesNotContain(hidden.name);

    bot().click("alice", panel, gold.name);
    await("alice has gold after the restart").atMost(PATIENCE).until(() -> has("alice", gold));
    bot()
        .awaitReply(
            modlog,
            "🛡️ <@"
                + userId("alice")
                + "> gave \\*\\*"
                + gold.name
                + "\\*\\* to <@"
                + userId("alice")
                + "> — role panel by alice");

    bot().post("admin", here, "!role require " + member.name);
    bot().awaitReply(here, "Only members with \\*\\*" + member.name);
    bot().post("bob", here, "!role list");
    bot().awaitReply(here, "You need \\*\\*" + member.name + "\\*\\* to use role commands here");
    bot().post("admin", here, "!role require");
    bot().awaitReply(here, "Anyone may use role commands here");
  }

  @Test
  @DisplayName("Exclusive groups: taking Blue drops Red; autoroles go to whoever joins")
  void groupsAndAutoroles() {
    SimRole red = role("GRed", 0, 25);
    SimRole blue = role("GBlue", 0, 26);
    SimRole newbie = role("Newbie", 0, 27);
    bot().post("admin", "roles", "!role self-serve add " + red.name);
    bot().awaitReply("roles", "is self-serve");
    bot().post("admin", "roles", "!role self-serve add " + blue.name);
    bot().awaitReply("roles", "is self-serve");
    bot().post("admin", "roles", "!role groups set colours " + red.name + ", " + blue.name);
    bot().awaitReply("roles", "Group \\*\\*colours\\*\\*");
    give("alice", red);

    bot().post("alice", "roles", "!role add " + blue.name);
    bot().awaitReply("roles", "✅ gave \\*\\*" + blue.name + "\\*\\* \\(took \\*\\*" + red.name);
    assertThat(has("alice", blue)).isTrue();
    assertThat(has("alice", red)).isFalse();

    bot().post("admin", "roles", "!role autorole add " + newbie.name);
    bot().awaitReply("roles", "Everyone who joins gets");
    SimUser carol = bot().sim().control().createUser(unique("carol"));
    bot().sim().control().addMember(guildId(), carol.id, List.of());
    await("carol gets the autorole")
        .atMost(PATIENCE)
        .until(() -> bot().guild().members.get(carol.id).roleIds.contains(newbie.id));
    assertThat(audit(newbie))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("autorole on join"));
  }

  @Test
  @DisplayName(
      "More than 25 self-serve roles: the panel becomes select menus, split over messages at 125;"
          + " picking toggles the roles picked")
  void bigPanel() {
    SimGuild many = bot().newGuild("Many", "admin", "alice", "bob");
    raiseBot(many);
    List<SimRole> roles = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      roles.add(bot().sim().control().createRole(many.id, "Opt" + i, 0, 1 + i));
    }
    SimRole lastOne = role(many, "OptLast", 0, 200, 0, false);
    roles.add(lastOne);
    SimChannel lobby = bot().channel(many, "lobby");
    for (SimRole r : roles) {
      cog()
          .setups()
          .change(
              many.id,
              store -> store.selfServe(many.id, r.id, true, false),
              s -> s.withSelfServe(r.id, true, false));
    }
    bot().post("admin", lobby, "!role panel");
    bot().awaitReply(lobby, "^Panel posted \\(2 messages\\)");
    List<SimMessage> panel =
        bot().botMessages(lobby).stream()
            .filter(m -> m.content.startsWith("**Pick your roles**"))
            .toList();
    assertThat(panel).hasSize(2);
    assertThat(panel.get(0).components).hasSize(5);
    assertThat(panel.get(1).components).hasSize(1);

    bot().choose("bob", panel.get(0), Long.toString(lastOne.id));
    await("bob took the role he picked")
        .atMost(PATIENCE)
        .until(() -> many.members.get(userId("bob")).roleIds.contains(lastOne.id));
  }
}
