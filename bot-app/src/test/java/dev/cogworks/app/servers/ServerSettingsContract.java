package dev.cogworks.app.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.DiaryCog;
import dev.cogworks.app.testcogs.KarmaCog;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per-server settings and users' data, end to end: real JDA against the simulator, embedded
 * PostgreSQL, two test cogs that keep data ({@link DiaryCog}, {@link KarmaCog}). Each test makes
 * servers of its own with {@link PlatformHarness#newGuild}, so no test sees another's settings.
 * Each messaging mode runs it through a subclass.
 */
abstract class ServerSettingsContract {
  /**
   * How long the bot keeps a server's data after leaving it, in these tests. (The harness's {@code
   * join} moves the simulator's clock past Discord's 30 s member-list window, so a bot invited back
   * is in the guild at once.)
   */
  static final Duration RETENTION = Duration.ofSeconds(6);

  static final String GUILD_COMMANDS =
      "PUT /applications/{application_id}/guilds/{guild_id}/commands";

  private static final AtomicInteger servers = new AtomicInteger();

  abstract PlatformHarness bot();

  static PlatformHarness harness(String mode) {
    return PlatformHarness.with(new DiaryCog(), new KarmaCog())
        .config("messaging.mode", mode)
        .config("data.server_retention", RETENTION.toSeconds() + "s")
        .owners("alice");
  }

  /** A new server owned by admin, with alice and bob; the bot joined it. */
  private SimGuild server() {
    return bot().newGuild("Server " + servers.incrementAndGet(), "admin", "alice", "bob");
  }

  private SimChannel lobby(SimGuild guild) {
    return bot().channel(guild, "lobby");
  }

  /** Posts {@code content} as {@code user} and returns the bot's reply matching {@code regex}. */
  private SimMessage ask(String user, SimChannel channel, String content, String regex) {
    bot().post(user, channel, content);
    return bot().awaitReply(channel, regex);
  }

  private List<String> commandNames(SimGuild guild) {
    List<String> names = new java.util.ArrayList<>();
    bot().sim().control().commandsJson(guild.id).forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  @Test
  @DisplayName("Two servers, two prefixes: each answers its own and ignores the other's")
  void prefixesPerServer() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);

    ask(
        "admin",
        lobby,
        "!settings set core.prefixes ? ;;",
        "^`core.prefixes` is now `\\?` `;;` \\(was `!`\\)\\.$");

    // A message the bot ignores gets no answer: the bot handles a channel's messages in order, so
    // the answer to the next one is the only message after both.
    SimMessage ignored = bot().post("alice", lobby, "!diary read");
    SimMessage answered = ask("alice", lobby, "?diary read", "^Diary is empty\\.$");
    assertThat(bot().botMessages(lobby).stream().filter(m -> m.id > ignored.id))
        .containsExactly(answered);
    ask("alice", lobby, ";;diary read", "^Diary is empty\\.$");
    ask("alice", lobby, "?help", "use `\\?help <command>`");

    SimChannel general = bot().channel("general");
    SimMessage notHere = bot().post("alice", general, "?diary read");
    SimMessage here = ask("alice", general, "!diary read", "^Diary is empty\\.$");
    assertThat(bot().botMessages(general).stream().filter(m -> m.id > notHere.id))
        .containsExactly(here);
    // Mentioning the bot works everywhere, whatever the prefixes.
    ask("alice", lobby, "<@" + bot().botUser().id + "> diary read", "^Diary is empty\\.$");
  }

  @Test
  @DisplayName("Settings apply per server: a limit set in one server leaves the other's default")
  void settingsPerServer() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    ask(
        "admin",
        lobby,
        "!settings set diary.max_entries 1",
        "^`diary.max_entries` is now 1 \\(was 3\\)\\.$");
    ask("admin", lobby, "!settings set diary.title Journal", "^`diary.title` is now `Journal`");

    ask("bob", lobby, "!diary add first", "^Journal: entry 1 of 1 saved\\.$");
    ask("bob", lobby, "!diary add second", "^Journal is full here \\(1 entries\\)\\.$");

    SimMessage shown =
        ask("admin", lobby, "!settings show diary", "\\*\\*Settings of this server\\*\\*");
    assertThat(shown.content)
        .contains("`diary.max_entries` = 1 — entries")
        .contains("`diary.title` = `Journal` — ")
        .contains("`diary.reader_role` = none (default)")
        .doesNotContain("core.prefixes");

    SimGuild third = server();
    ask("bob", lobby(third), "!diary add first", "^Diary: entry 1 of 3 saved\\.$");
    SimMessage defaults =
        ask("admin", lobby(third), "!settings show", "\\*\\*Settings of this server\\*\\*");
    assertThat(defaults.content)
        .contains("`diary.max_entries` = 3 (default)")
        .contains("`core.prefixes` = `!` (default)")
        .contains("`karma.per_thanks` = 1 (default)");

    ask(
        "admin",
        lobby,
        "!settings reset diary.max_entries",
        "^`diary.max_entries` is back to its default: 3\\.$");
    ask("bob", lobby, "!diary add second", "^Journal: entry 2 of 3 saved\\.$");
    ask(
        "admin",
        lobby,
        "!settings reset diary.max_entries",
        "^`diary.max_entries` already has its default here: 3\\.$");
  }

  @Test
  @DisplayName("Role and channel settings take mentions, ids or names; channels limit commands")
  void rolesAndChannels() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    long readers = bot().sim().control().createRole(other.id, "Readers", 0, 1).id;
    SimChannel quiet = bot().sim().control().createChannel(other.id, "quiet");

    ask(
        "admin",
        lobby,
        "!settings set diary.reader_role readers",
        "^`diary.reader_role` is now <@&" + readers + "> \\(was none\\)\\.$");
    ask("admin", lobby, "!settings set diary.reader_role none", "^`diary.reader_role` is now none");

    ask(
        "admin",
        lobby,
        "!settings set core.ignored_channels #quiet",
        "^`core.ignored_channels` is now <#" + quiet.id + ">");
    // Ignored: no answer to bob there, but the admin (Manage Server) is still answered.
    bot().post("bob", quiet, "!diary read");
    SimMessage adminAnswer = ask("admin", quiet, "!diary read", "^Diary is empty\\.$");
    assertThat(bot().botMessages(quiet)).containsExactly(adminAnswer);
    bot().slash("bob", quiet, "diary read", Map.of());
    SimMessage refused = bot().awaitReply(quiet, "^Commands are not answered in this channel");
    assertThat(refused.ephemeral()).isTrue();

    ask(
        "admin",
        lobby,
        "!settings set core.ignored_channels none",
        "^`core.ignored_channels` is now none");
    ask(
        "admin",
        lobby,
        "!settings set core.command_channels <#" + quiet.id + ">",
        "is now <#" + quiet.id + ">");
    bot().post("bob", lobby, "!diary read");
    ask("admin", lobby, "!settings reset core.command_channels", "back to its default: none");
    ask("bob", quiet, "!diary read", "^Diary is empty\\.$");
    assertThat(bot().botMessages(lobby)).noneMatch(m -> m.content.equals("Diary is empty."));
  }

  @Test
  @DisplayName("A bad key or value is refused with the key and what is allowed")
  void validation() {
    SimChannel lobby = lobby(server());
    ask(
        "admin",
        lobby,
        "!settings set diary.max_entries lots",
        "^`diary.max_entries` must be a whole number from 1 to 50; got `lots`\\.$");
    ask(
        "admin",
        lobby,
        "!settings set diary.max_entries 51",
        "^`diary.max_entries` must be a whole number from 1 to 50; got `51`\\.$");
    ask(
        "admin",
        lobby,
        "!settings set diary.reader_role Nobody",
        "^`diary.reader_role` must be a role \\(its mention, id or name\\) or none; there is no role named Nobody; got `Nobody`\\.$");
    ask(
        "admin",
        lobby,
        "!settings set core.prefixes /x",
        "^`core.prefixes` must be 1 to 5 words of 1 to 10 characters, without spaces or ` @ < >, not starting with /, separated by spaces; got `/x`\\.$");
    ask(
        "admin",
        lobby,
        "!settings set core.prefixes @everyone",
        "^`core.prefixes` must be 1 to 5 words");
    ask(
        "admin",
        lobby,
        "!settings set nope.key 1",
        "^Unknown setting `nope.key`\\. See them all with `!settings show`\\.$");
    ask(
        "admin",
        lobby,
        "!settings set max_entries 2",
        "^Unknown setting `max_entries`\\. Did you mean `diary.max_entries`\\?");
    ask(
        "admin",
        lobby,
        "!settings set diary.title",
        "^Missing <value>\\. Usage: `!settings set <key> <value>`$");
    ask(
        "admin",
        lobby,
        "!settings show poetry",
        "^No cog `poetry` has settings\\. Cogs with settings: core, diary, karma\\.$");
    ask(
        "admin",
        lobby,
        "!cog enable poetry",
        "^No cog `poetry`\\. Cogs: diary, karma\\. See `!cog list`\\.$");
    ask("admin", lobby, "!cog disable core", "^The core is always on");
  }

  @Test
  @DisplayName("Only members with Manage Server change settings or cogs; others are refused")
  void permissions() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    ask(
        "bob",
        lobby,
        "!settings set diary.title Mine",
        "^You need the Manage Server permission to use `!settings set`\\.$");
    ask(
        "bob",
        lobby,
        "!cog disable diary",
        "^You need the Manage Server permission to use `!cog disable`\\.$");
    bot().slash("bob", lobby, "settings show", Map.of());
    SimMessage refused =
        bot()
            .awaitReply(
                lobby, "^You need the Manage Server permission to use `/settings show`\\.$");
    assertThat(refused.ephemeral()).isTrue();
    // An admin of one server is a plain member of another: bob owns this one.
    SimGuild bobs = bot().newGuild("Bob's", "bob", "admin");
    ask(
        "admin",
        lobby(bobs),
        "!settings set diary.title Theirs",
        "^You need the Manage Server permission");
    ask("bob", lobby(bobs), "!settings set diary.title Bobs", "^`diary.title` is now `Bobs`");
    ask("admin", lobby, "!diary read", "^Diary is empty\\.$");
  }

  @Test
  @DisplayName(
      "A cog turned off in one server is off there alone, and leaves that server's slash list")
  void cogOffInOneServer() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    SimGuild sandbox = bot().guild();
    assertThat(commandNames(other))
        .contains("thank", "karma", "diary", "settings", "cog", "mydata");
    long writesBefore = bot().sim().control().stats().requests(GUILD_COMMANDS);

    ask(
        "admin",
        lobby,
        "!cog disable karma",
        "^`karma` is off in this server now: its 2 command\\(s\\) left the list\\.$");
    await().atMost(Duration.ofSeconds(10)).until(() -> !commandNames(other).contains("karma"));
    assertThat(commandNames(other)).doesNotContain("thank", "karma").contains("diary", "help");
    assertThat(commandNames(sandbox)).contains("thank", "karma");
    assertThat(bot().sim().control().stats().requests(GUILD_COMMANDS)).isEqualTo(writesBefore + 1);

    ask(
        "alice",
        lobby,
        "!thank <@" + bot().user("bob").id + ">",
        "^The `karma` cog is turned off in this server\\. An admin can turn it on with `!cog enable karma`\\.$");
    // Its own listener is silent there too, and still answers in the sandbox.
    SimMessage cheer = bot().post("alice", lobby, "++");
    SimMessage after = ask("alice", lobby, "!diary read", "^Diary is empty\\.$");
    assertThat(bot().botMessages(lobby).stream().filter(m -> m.id > cheer.id))
        .containsExactly(after);
    ask("alice", bot().channel("general"), "++", "^Cheers!$");
    SimMessage help = ask("alice", lobby, "!help", "\\*\\*Commands\\*\\*");
    assertThat(help.content).doesNotContain("karma", "thank").contains("diary");
    SimMessage list = ask("admin", lobby, "!cog list", "\\*\\*Cogs in this server\\*\\*");
    assertThat(list.content).contains("`karma` off —", "`diary` on (default)");
    ask(
        "alice",
        bot().channel("general"),
        "!thank <@" + bot().user("bob").id + ">",
        "^bob has \\d+ karma\\.$");

    // Nothing changed: nothing registered again.
    ask("admin", lobby, "!cog disable karma", "^`karma` is already off here\\.$");
    assertThat(bot().sim().control().stats().requests(GUILD_COMMANDS)).isEqualTo(writesBefore + 1);

    ask(
        "admin",
        lobby,
        "!cog enable karma",
        "^`karma` is on in this server now: its 2 command\\(s\\) are back in the list\\.$");
    await().atMost(Duration.ofSeconds(10)).until(() -> commandNames(other).contains("karma"));
    ask("alice", lobby, "!thank <@" + bot().user("bob").id + ">", "^bob has 1 karma\\.$");
  }

  @Test
  @DisplayName("Keys and values are suggested while typed")
  void autocomplete() {
    assertThat(bot().autocomplete("admin", "general", "settings set", "key", "diary."))
        .containsOnlyKeys("diary.max_entries", "diary.reader_role", "diary.title");
    assertThat(
            bot()
                .autocomplete(
                    "admin",
                    "general",
                    "settings set",
                    Map.of("key", "diary.reader_role"),
                    "value",
                    ""))
        .containsKey("none")
        .containsKey("Administrator");
    assertThat(bot().autocomplete("admin", "general", "cog disable", "cog", "ka"))
        .containsOnlyKeys("karma");
  }

  @Test
  @DisplayName("Settings and cog switches persist across a restart")
  void persistAcrossRestart() throws InterruptedException {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    ask("admin", lobby, "!settings set core.prefixes ?", "is now `\\?`");
    ask("admin", lobby, "?settings set diary.title Logbook", "is now `Logbook`");
    ask("admin", lobby, "?cog disable karma", "is off in this server now");
    long writes = bot().sim().control().stats().requests(GUILD_COMMANDS);

    bot().restartBot();

    ask("alice", lobby, "?diary add hello", "^Logbook: entry 1 of 3 saved\\.$");
    ask("alice", lobby, "?karma", "^The `karma` cog is turned off in this server");
    assertThat(commandNames(other)).doesNotContain("karma");
    // Registrations were current: the restart wrote no command list.
    assertThat(bot().sim().control().stats().requests(GUILD_COMMANDS)).isEqualTo(writes);
  }

  @Test
  @DisplayName("mydata show and delete cover every cog, everywhere, for the caller alone")
  void myData() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    SimChannel general = bot().channel("general");
    ask("alice", lobby, "!diary add one", "entry 1 of 3 saved");
    ask("alice", general, "!diary add two", "saved");
    ask("bob", general, "!thank <@" + bot().user("alice").id + ">", "^alice has \\d+ karma\\.$");
    ask("bob", general, "!diary add bobs", "saved");

    bot().slash("alice", lobby, "mydata show", Map.of());
    SimMessage shown = bot().awaitReply(lobby, "What I keep about you");
    assertThat(shown.ephemeral()).isTrue();
    assertThat(shown.content)
        .contains("**diary**\n• 2 diary entries in 2 server(s)")
        .contains("**karma**\n• ")
        .contains("karma points");

    ask(
        "alice",
        lobby,
        "!mydata show",
        "^What I keep about you covers every server, so I only show it where no one else can read it: use `/mydata show`");

    SimMessage confirm =
        ask(
            "alice",
            lobby,
            "!mydata delete",
            "^Delete everything I keep about you, in every server\\?");
    bot().click("bob", confirm, "Delete my data");
    SimMessage notYours = bot().awaitReply(lobby, "^These buttons are for the person who asked");
    assertThat(notYours.ephemeral()).isTrue();
    bot().click("alice", confirm, "Cancel");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> content(lobby, confirm).equals("Cancelled; nothing was deleted."));

    SimMessage again = ask("alice", lobby, "!mydata delete", "^Delete everything I keep about you");
    bot().click("alice", again, "Delete my data");
    // The (public) message says it is done; what each cog deleted goes to alice alone.
    SimMessage details = bot().awaitReply(lobby, "^Deleted what I kept about you:");
    assertThat(details.ephemeral()).isTrue();
    assertThat(details.content).contains("• diary: 2 item(s)").contains("• karma: 1 item(s)");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                content(lobby, again)
                    .equals("Done: what I kept about you is deleted, everywhere."));

    bot().slash("alice", lobby, "mydata show", Map.of());
    assertThat(bot().awaitReply(lobby, "^I keep nothing about you\\.$").ephemeral()).isTrue();
    // bob's own data is untouched.
    ask("bob", general, "!diary read", "^Diary: bobs$");
  }

  @Test
  @DisplayName("The owners delete a user's data by id; nobody else can")
  void ownerForgetsUser() {
    SimChannel general = bot().channel("general");
    long bob = bot().user("bob").id;
    ask("bob", general, "!diary add to-forget", "saved");

    ask(
        "admin",
        general,
        "!cogworks forget-user " + bob,
        "^Only the bot's owners can use `!cogworks forget-user`\\.$");
    ask(
        "alice",
        general,
        "!cogworks forget-user bob",
        "^`bob` is not a user id: a user id is a number of 15 to 20 digits \\(or a mention\\)\\.$");
    SimMessage done =
        ask(
            "alice",
            general,
            "!cogworks forget-user <@" + bob + ">",
            "^Deleted what I kept about user " + bob + ":");
    assertThat(done.content).contains("• diary: ");
    ask("bob", general, "!diary read", "^Diary is empty\\.$");
    ask(
        "alice",
        general,
        "!cogworks forget-user " + bob,
        "^Done: I kept nothing about user " + bob + "\\.$");
  }

  @Test
  @DisplayName(
      "A server left is forgotten after data.server_retention; back in time, it finds everything")
  void retentionAfterLeaving() {
    SimGuild other = server();
    SimChannel lobby = lobby(other);
    ask("admin", lobby, "!settings set diary.title Kept", "is now `Kept`");
    ask("alice", lobby, "!diary add remember", "^Kept: entry 1 of 3 saved\\.$");

    // Kicked and invited back at once: within the retention, nothing is lost.
    bot().kick(other);
    await("the departure recorded").atMost(Duration.ofSeconds(10)).until(() -> departed(other));
    bot().join(other);
    await("the return recorded").atMost(Duration.ofSeconds(10)).until(() -> !departed(other));
    // Discord dropped the commands at the kick: the bot registered them again.
    assertThat(commandNames(other)).contains("diary", "settings");
    ask("alice", lobby, "!diary read", "^Kept: remember$");

    // Kicked, and back only after the retention: the server starts afresh.
    bot().kick(other);
    await("the server's data deleted")
        .atLeast(RETENTION.minusSeconds(1))
        .atMost(RETENTION.plusSeconds(20))
        .until(() -> !known(other));
    bot().join(other);
    ask("alice", lobby, "!diary read", "^Diary is empty\\.$");
    SimMessage shown = ask("admin", lobby, "!settings show diary", "Settings of this server");
    assertThat(shown.content).contains("`diary.title` = `Diary` (default)");
  }

  @Test
  @DisplayName("A server that removed the bot while it was offline is noticed at the next start")
  void leftWhileAway() throws InterruptedException {
    SimGuild other = server();
    ask("alice", lobby(other), "!diary add gone", "^Diary: entry 1 of 3 saved\\.$");
    await("the server recorded").atMost(Duration.ofSeconds(10)).until(() -> known(other));

    bot().restartBot(() -> bot().kick(other));

    await("the server's data deleted after the start")
        .atMost(RETENTION.plusSeconds(20))
        .until(() -> !known(other));
    bot().join(other);
    ask("alice", lobby(other), "!diary read", "^Diary is empty\\.$");
  }

  /** Whether core_guilds records that the bot left {@code guild}. */
  private boolean departed(SimGuild guild) {
    return bot()
        .bot()
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                            "SELECT count(*) FROM core_guilds WHERE guild_id = :g AND left_at IS NOT NULL")
                        .bind("g", guild.id)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
  }

  /** Whether the bot still holds anything of {@code guild} in core_guilds. */
  private boolean known(SimGuild guild) {
    return bot()
        .bot()
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM core_guilds WHERE guild_id = :g")
                        .bind("g", guild.id)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
  }

  private String content(SimChannel channel, SimMessage message) {
    return bot().sim().control().messages(channel.id).stream()
        .filter(m -> m.id == message.id)
        .findFirst()
        .map(m -> m.content)
        .orElse("");
  }
}
