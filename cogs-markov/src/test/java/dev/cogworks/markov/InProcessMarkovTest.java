package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.markov.MarkovStore.Learned;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.testkit.CogworksHarness;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Markov cog, messaging.mode = in_process (the full set)")
class InProcessMarkovTest extends MarkovContract {
  static final MarkovCog cog = new MarkovCog();

  @RegisterExtension
  static final CogworksHarness bot =
      harness(cog, "in_process").config("conversation.assistant", "markov");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MarkovCog cog() {
    return cog;
  }

  private SimMessage post(SimChannel channel, String user, String content) {
    return bot.sim().control().postMessage(channel.id, bot.user(user).id, content);
  }

  @Test
  @DisplayName(
      "Cleaning: bots, commands, links and mentions skipped; this server's emojis kept, others' not")
  void cleaning() {
    SimChannel channel = newChannel("clean");
    SimEmoji pog = bot.sim().control().createEmoji(bot.guild().id, "pog", false);
    SimEmoji dance = bot.sim().control().createEmoji(bot.guild().id, "dance", true);
    SimGuild elsewhere = bot.sim().control().createGuild("Elsewhere", bot.user("bob").id);
    SimEmoji foreign = bot.sim().control().createEmoji(elsewhere.id, "foreign", false);
    String ours = "<:pog:" + pog.id() + ">";
    String animated = "<a:dance:" + dance.id() + ">";
    post(
        channel, "alice", "Wow " + ours + " such " + animated + " <:foreign:" + foreign.id() + ">");
    post(channel, "bob", "hey <@" + bot.user("alice").id + "> @everyone see https://x.example/y");
    post(channel, "bob", "!ping");
    bot.sim().control().postMessage(channel.id, bot.botUser().id, "I am a bot, never learned");
    markovOn(channel);
    awaitStored(channel, 2);

    assertThat(stored(channel).stream().map(Learned::text))
        .containsExactlyInAnyOrder("wow " + ours + " such " + animated, "hey see");
    bot.post("alice", channel, "!speak " + ours);
    SimMessage spoken = bot.awaitReply(channel, "^" + ours + " such " + animated + "$");
    assertThat(spoken.mentions).isEmpty();
    assertThat(spoken.mentionEveryone).isFalse();
  }

  @Test
  @DisplayName(
      "speak: with and without first words, an unknown first word, a length, channels, stats")
  void speak() {
    SimChannel channel = newChannel("speak");
    seed(channel, 120, 2);
    markovOn(channel);
    awaitStored(channel, 120);

    bot.post("bob", channel, "!speak");
    assertThat(bot.awaitReply(channel, "^the ").content).matches("^the [a-z .!]+$");
    bot.post("bob", channel, "!speak zebra");
    bot.awaitReply(channel, "^I have never seen \"zebra\"");
    bot.post("bob", channel, "!speak the lazy 3");
    assertThat(bot.awaitReply(channel, "^the lazy ").content.split(" "))
        .hasSizeLessThanOrEqualTo(3);
    bot.post("bob", channel, "!markov channels");
    bot.awaitReply(channel, "<#" + channel.id + ">: 120 messages, last read <t:");
    bot.post("bob", channel, "!markov stats");
    bot.awaitReply(channel, "^\\d+ messages learned, \\d+ distinct words, \\d+ transitions");
  }

  @Test
  @DisplayName("markov off with forget: the channel's text leaves the store and the model")
  void offWithForget() {
    SimChannel channel = newChannel("off");
    seed(channel, 60, 3);
    markovOn(channel);
    awaitStored(channel, 60);
    bot.post("admin", channel, "!markov off true");
    bot.awaitReply(
        channel, "^Stopped learning from <#" + channel.id + ">\\. Forgot the 60 messages");
    assertThat(stored(channel)).isEmpty();
    assertThat(cog.text().model(bot.guild().id).channels()).doesNotContain(channel.id);
    bot.post("bob", channel, "!markov off");
    bot.awaitReply(channel, "^You need the Manage Channels permission");
  }

  @Test
  @DisplayName("forget-me removes exactly that person's messages; the model equals one rebuilt")
  void forgetMe() {
    SimChannel channel = newChannel("forget");
    seed(channel, 90, 4);
    markovOn(channel);
    awaitStored(channel, 90);
    long guild = bot.guild().id;
    long bob = bot.user("bob").id;
    AtomicLong bobs = new AtomicLong(); // in every channel of this server, from every test
    cog.text()
        .store()
        .forEach(
            m -> {
              if (m.guildId() == guild && m.authorId() == bob) {
                bobs.incrementAndGet();
              }
            });
    assertThat(bobs.get()).isGreaterThanOrEqualTo(30);
    bot.post("bob", channel, "!markov forget-me");
    bot.awaitReply(channel, "^Forgot the " + bobs.get() + " messages of yours");

    GuildModel rebuilt = new GuildModel(2);
    cog.text()
        .store()
        .forEach(
            m -> {
              assertThat(m.authorId()).isNotEqualTo(bob);
              if (m.guildId() == guild) {
                rebuilt.learn(m.channelId(), m.tokens());
              }
            });
    GuildModel live = cog.text().model(guild);
    assertThat(live.words()).isEqualTo(rebuilt.words());
    assertThat(live.transitions()).isEqualTo(rebuilt.transitions());
    assertThat(cog.describe(bob)).isEmpty();
    assertThat(cog.describe(bot.user("alice").id)).anyMatch(l -> l.contains("messages learned"));
  }

  @Test
  @DisplayName("Opt-out: nothing more is learned from that person")
  void optOut() {
    SimChannel channel = newChannel("optout");
    bot.post("bob", channel, "!markov opt-out");
    bot.awaitReply(channel, "^I will not learn from your messages");
    post(channel, "bob", "bob says private things");
    post(channel, "alice", "alice says public things");
    markovOn(channel);
    awaitStored(channel, 1);
    assertThat(stored(channel).get(0).text()).isEqualTo("alice says public things");
    bot.post("bob", channel, "!markov opt-in");
    bot.awaitReply(channel, "^I may learn from your messages");
  }

  @Test
  @DisplayName(
      "Retention: history older than it is never read, and stored text ageing past it goes")
  void retention() {
    SimChannel channel = newChannel("retention");
    Instant now = Instant.now();
    long alice = bot.user("alice").id;
    bot.sim()
        .control()
        .postMessage(channel.id, alice, "ancient words", now.minus(40, ChronoUnit.DAYS));
    bot.sim()
        .control()
        .postMessage(channel.id, alice, "recent words", now.minus(1, ChronoUnit.DAYS));
    markovOn(channel);
    awaitStored(channel, 1);
    assertThat(stored(channel).get(0).text()).isEqualTo("recent words");

    long guild = bot.guild().id;
    cog.text()
        .ingest(
            guild,
            channel.id,
            List.of(
                new Learned(
                    42, guild, channel.id, alice, now.minus(31, ChronoUnit.DAYS), "aged out")),
            0);
    awaitStored(channel, 1);
    assertThat(stored(channel).get(0).text()).isEqualTo("recent words");
  }

  @Test
  @DisplayName("Restart: learning resumes after the last message read, nothing twice")
  void restart() throws InterruptedException {
    SimChannel channel = newChannel("restart");
    seed(channel, 50, 5);
    markovOn(channel);
    awaitStored(channel, 50);
    long alice = bot.user("alice").id;
    bot.restartBot(
        () -> {
          for (int i = 0; i < 30; i++) {
            bot.sim().control().postMessage(channel.id, alice, "written while away " + i);
          }
        });
    awaitStored(channel, 80);
    post(channel, "alice", "after the restart");
    awaitStored(channel, 81);
  }

  @Test
  @DisplayName(
      "Deleted and edited messages: forgotten and relearned; a deleted anchor is no obstacle")
  void deletesAndEdits() {
    SimChannel channel = newChannel("edits");
    List<SimMessage> seeded = seed(channel, 40, 7);
    markovOn(channel);
    awaitStored(channel, 40);
    // the newest message read (the read position) is the bot's answer to `markov on`
    SimMessage anchor =
        bot.sim().control().messages(channel.id).stream()
            .max(java.util.Comparator.comparingLong(m -> m.id))
            .orElseThrow();
    assertThat(anchor.author.id).isEqualTo(bot.botUser().id);
    bot.sim().control().deleteMessage(anchor.id, anchor.author.id);
    SimMessage last = seeded.get(39);
    bot.sim().control().deleteMessage(last.id, last.author.id);
    awaitStored(channel, 39);
    SimMessage first = seeded.get(0);
    bot.sim().control().editMessage(first.id, first.author.id, "Edited into new words");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                stored(channel).stream()
                    .anyMatch(
                        m ->
                            m.messageId() == first.id && m.text().equals("edited into new words")));
    post(channel, "bob", "after the anchor went");
    awaitStored(channel, 40);
  }

  @Test
  @DisplayName("No leaks: a staff-only channel's words are spoken only where staff alone read")
  void staffOnly() {
    long guild = bot.guild().id;
    SimRole staff = bot.sim().control().createRole(guild, "staff", 0, 2);
    SimChannel staffRoom =
        bot.sim()
            .control()
            .createChannel(
                guild,
                "staff-room",
                List.of(
                    new PermissionOverwrite(
                        guild, PermissionOverwrite.ROLE, 0, Permission.VIEW_CHANNEL),
                    new PermissionOverwrite(
                        staff.id, PermissionOverwrite.ROLE, Permission.VIEW_CHANNEL, 0),
                    new PermissionOverwrite(
                        bot.botUser().id,
                        PermissionOverwrite.MEMBER,
                        Permission.VIEW_CHANNEL | Permission.READ_MESSAGE_HISTORY,
                        0)));
    SimChannel lobby = newChannel("lobby");
    post(staffRoom, "admin", "zanzibar is the secret plan");
    post(lobby, "alice", "hello lobby people");
    markovOn(staffRoom);
    markovOn(lobby);
    awaitStored(staffRoom, 1);
    awaitStored(lobby, 1);

    bot.post("alice", lobby, "!speak zanzibar");
    bot.awaitReply(lobby, "^I have never seen \"zanzibar\"");
    bot.post("admin", staffRoom, "!speak zanzibar");
    bot.awaitReply(staffRoom, "^zanzibar is the secret plan$");
    bot.post("admin", staffRoom, "!speak hello");
    bot.awaitReply(staffRoom, "^hello lobby people$");
  }

  @Test
  @DisplayName("Blocklist: an admin's blocked word is never spoken")
  void blocklist() {
    SimChannel channel = newChannel("block");
    post(channel, "alice", "cats are great");
    post(channel, "alice", "cats are awful");
    markovOn(channel);
    awaitStored(channel, 2);
    bot.post("admin", channel, "!markov blocklist add awful");
    bot.awaitReply(channel, "^I will never say \"awful\" here");
    for (int i = 0; i < 5; i++) {
      bot.post("alice", channel, "!speak cats");
      bot.awaitReply(channel, "^cats are great$");
    }
  }

  @Test
  @DisplayName(
      "The markov assistant: ask answers in the channel's voice; in DMs it says it has none")
  void assistant() {
    SimChannel channel = newChannel("ask");
    post(channel, "alice", "penguins love cold water");
    markovOn(channel);
    awaitStored(channel, 1);
    bot.post("bob", channel, "!ask do penguins swim?");
    bot.awaitReply(channel, "^penguins love cold water$");
    bot.dm("bob", "hello there");
    bot.awaitReply(bot.dmChannel("bob"), "^I only speak in the voice of a server's channels");
  }

  @Test
  @DisplayName("Lost permissions: learning stops there when the bot can no longer read history")
  void lostAccess() {
    SimChannel channel = newChannel("access");
    post(channel, "alice", "soon hidden");
    markovOn(channel);
    awaitStored(channel, 1);
    bot.sim()
        .control()
        .setPermissionOverwrites(
            channel.id,
            List.of(
                new PermissionOverwrite(
                    bot.botUser().id,
                    PermissionOverwrite.MEMBER,
                    0,
                    Permission.READ_MESSAGE_HISTORY)));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                cog.text().store().channels(bot.guild().id).stream()
                    .anyMatch(
                        r ->
                            r.channelId() == channel.id
                                && !r.active()
                                && r.stoppedReason().startsWith("I lost")));
  }
}
