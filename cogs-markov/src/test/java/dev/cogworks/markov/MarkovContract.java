package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.markov.MarkovStore.ChannelRow;
import dev.cogworks.markov.MarkovStore.Learned;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimEmoji;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every end-to-end case of the markov cog, run in each messaging mode (one harness per mode, shared
 * by its cases): learning through history reads, speaking, forgetting, the audience rules, the
 * mention and chime-in answers, telling a server when learning stops, and catching up with what
 * changed while the bot was away.
 */
abstract class MarkovContract extends MarkovSteps {
  @Test
  @DisplayName(
      "markov on: backfills seeded history, speaks from it, stops cleanly on a deleted channel"
          + " and says so once")
  void learnsSpeaksAndStopsWhenTheChannelIsDeleted() {
    SimChannel notices = newChannel("notices");
    markovOn(notices);
    SimChannel channel = newChannel("learn");
    seed(channel, 200, 1);
    markovOn(channel);
    awaitStored(channel, 200);

    bot().post("alice", channel, "!speak the quick");
    SimMessage spoken = bot().awaitReply(channel, "^the quick ");
    assertThat(spoken.mentions).isEmpty();

    bot().sim().control().deleteChannel(channel.id);
    await("learning stopped in the deleted channel")
        .atMost(PATIENCE)
        .until(
            () ->
                cog().text().store().channels(bot().guild().id).stream()
                    .filter(r -> r.channelId() == channel.id)
                    .map(ChannelRow::stoppedReason)
                    .anyMatch("the channel was deleted"::equals));
    assertThat(stored(channel)).as("what was learned follows the retention rules").hasSize(200);
    String notice = "^I stopped learning from <#" + channel.id + ">: the channel was deleted\\. ";
    bot().awaitReply(notices, notice);
    assertNoMore(notices, notice, 1);
  }

  private SimMessage post(SimChannel channel, String user, String content) {
    return bot().sim().control().postMessage(channel.id, bot().user(user).id, content);
  }

  @Test
  @DisplayName(
      "Cleaning: bots, commands, links and mentions skipped; this server's emojis kept, others' not")
  void cleaning() {
    SimChannel channel = newChannel("clean");
    SimEmoji pog = bot().sim().control().createEmoji(bot().guild().id, "pog", false);
    SimEmoji dance = bot().sim().control().createEmoji(bot().guild().id, "dance", true);
    SimGuild elsewhere = bot().sim().control().createGuild("Elsewhere", bot().user("bob").id);
    SimEmoji foreign = bot().sim().control().createEmoji(elsewhere.id, "foreign", false);
    String ours = "<:pog:" + pog.id() + ">";
    String animated = "<a:dance:" + dance.id() + ">";
    post(
        channel, "alice", "Wow " + ours + " such " + animated + " <:foreign:" + foreign.id() + ">");
    post(channel, "bob", "hey <@" + bot().user("alice").id + "> @everyone see https://x.example/y");
    post(channel, "bob", "!ping");
    bot().sim().control().postMessage(channel.id, bot().botUser().id, "I am a bot, never learned");
    markovOn(channel);
    awaitStored(channel, 2);

    assertThat(stored(channel).stream().map(Learned::text))
        .containsExactlyInAnyOrder("wow " + ours + " such " + animated, "hey see");
    bot().post("alice", channel, "!speak " + ours);
    SimMessage spoken = bot().awaitReply(channel, "^" + ours + " such " + animated + "$");
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

    bot().post("bob", channel, "!speak");
    assertThat(bot().awaitReply(channel, "^the ").content).matches("^the [a-z .!]+$");
    bot().post("bob", channel, "!speak zebra");
    bot().awaitReply(channel, "^I have never seen \"zebra\"");
    bot().post("bob", channel, "!speak the lazy 3");
    assertThat(bot().awaitReply(channel, "^the lazy ").content.split(" "))
        .hasSizeLessThanOrEqualTo(3);
    bot().post("bob", channel, "!markov channels");
    bot().awaitReply(channel, "<#" + channel.id + ">: 120 messages, last read <t:");
    bot().post("bob", channel, "!markov stats");
    bot().awaitReply(channel, "^\\d+ messages learned, \\d+ distinct words, \\d+ transitions");
  }

  @Test
  @DisplayName("markov off with forget: the channel's text leaves the store and the model")
  void offWithForget() {
    SimChannel channel = newChannel("off");
    seed(channel, 60, 3);
    markovOn(channel);
    awaitStored(channel, 60);
    bot().post("admin", channel, "!markov off true");
    bot()
        .awaitReply(
            channel, "^Stopped learning from <#" + channel.id + ">\\. Forgot the 60 messages");
    assertThat(stored(channel)).isEmpty();
    assertThat(cog().text().model(bot().guild().id).channels()).doesNotContain(channel.id);
    bot().post("bob", channel, "!markov off");
    bot().awaitReply(channel, "^You need the Manage Channels permission");
  }

  @Test
  @DisplayName("forget-me removes exactly that person's messages; the model equals one rebuilt")
  void forgetMe() {
    SimChannel channel = newChannel("forget");
    seed(channel, 90, 4);
    markovOn(channel);
    awaitStored(channel, 90);
    long guild = bot().guild().id;
    long bob = bot().user("bob").id;
    AtomicLong bobs = new AtomicLong(); // in every channel of this server, from every test
    cog()
        .text()
        .store()
        .forEach(
            m -> {
              if (m.guildId() == guild && m.authorId() == bob) {
                bobs.incrementAndGet();
              }
            });
    assertThat(bobs.get()).isGreaterThanOrEqualTo(30);
    bot().post("bob", channel, "!markov forget-me");
    bot().awaitReply(channel, "^Forgot the " + bobs.get() + " messages of yours");

    cog().text().store().forEach(m -> assertThat(m.authorId()).isNotEqualTo(bob));
    assertModelMatchesStore();
    assertThat(cog().describe(bob)).isEmpty();
    assertThat(cog().describe(bot().user("alice").id))
        .anyMatch(l -> l.contains("messages learned"));
  }

  @Test
  @DisplayName("Opt-out: nothing more is learned from that person")
  void optOut() {
    SimChannel channel = newChannel("optout");
    bot().post("bob", channel, "!markov opt-out");
    bot().awaitReply(channel, "^I will not learn from your messages");
    post(channel, "bob", "bob says private things");
    post(channel, "alice", "alice says public things");
    markovOn(channel);
    awaitStored(channel, 1);
    assertThat(stored(channel).get(0).text()).isEqualTo("alice says public things");
    bot().post("bob", channel, "!markov opt-in");
    bot().awaitReply(channel, "^I may learn from your messages");
  }

  @Test
  @DisplayName(
      "Retention: history older than it is never read, and stored text ageing past it goes")
  void retention() {
    SimChannel channel = newChannel("retention");
    Instant now = Instant.now();
    long alice = bot().user("alice").id;
    bot()
        .sim()
        .control()
        .postMessage(channel.id, alice, "ancient words", now.minus(40, ChronoUnit.DAYS));
    bot()
        .sim()
        .control()
        .postMessage(channel.id, alice, "recent words", now.minus(1, ChronoUnit.DAYS));
    markovOn(channel);
    awaitStored(channel, 1);
    assertThat(stored(channel).get(0).text()).isEqualTo("recent words");

    long guild = bot().guild().id;
    cog()
        .text()
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
    long alice = bot().user("alice").id;
    bot()
        .restartBot(
            () -> {
              for (int i = 0; i < 30; i++) {
                bot().sim().control().postMessage(channel.id, alice, "written while away " + i);
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
        bot().sim().control().messages(channel.id).stream()
            .max(java.util.Comparator.comparingLong(m -> m.id))
            .orElseThrow();
    assertThat(anchor.author.id).isEqualTo(bot().botUser().id);
    bot().sim().control().deleteMessage(anchor.id, anchor.author.id);
    SimMessage last = seeded.get(39);
    bot().sim().control().deleteMessage(last.id, last.author.id);
    awaitStored(channel, 39);
    SimMessage first = seeded.get(0);
    bot().sim().control().editMessage(first.id, first.author.id, "Edited into new words");
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
    long guild = bot().guild().id;
    SimRole staff = bot().sim().control().createRole(guild, "staff", 0, 2);
    SimChannel staffRoom =
        bot()
            .sim()
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
                        bot().botUser().id,
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

    bot().post("alice", lobby, "!speak zanzibar");
    bot().awaitReply(lobby, "^I have never seen \"zanzibar\"");
    bot().post("admin", staffRoom, "!speak zanzibar");
    bot().awaitReply(staffRoom, "^zanzibar is the secret plan$");
    bot().post("admin", staffRoom, "!speak hello");
    bot().awaitReply(staffRoom, "^hello lobby people$");
  }

  @Test
  @DisplayName("Blocklist: an admin's blocked word is never spoken")
  void blocklist() {
    SimChannel channel = newChannel("block");
    post(channel, "alice", "cats are great");
    post(channel, "alice", "cats are awful");
    markovOn(channel);
    awaitStored(channel, 2);
    bot().post("admin", channel, "!markov blocklist add awful");
    bot().awaitReply(channel, "^I will never say \"awful\" here");
    for (int i = 0; i < 5; i++) {
      bot().post("alice", channel, "!speak cats");
      bot().awaitReply(channel, "^cats are great$");
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
    bot().post("bob", channel, "!ask penguins");
    bot().awaitReply(channel, "^penguins love cold water$");
    bot().dm("bob", "hello there");
    bot().awaitReply(bot().dmChannel("bob"), "^I only speak in the voice of a server's channels");
  }

  @Test
  @DisplayName(
      "Lost permissions: learning stops when the bot can no longer read history, and the system"
          + " channel is told once")
  void lostAccess() {
    long guild = bot().guild().id;
    SimChannel system = newChannel("system");
    bot().sim().control().setSystemChannel(guild, system.id);
    SimChannel notices = newChannel("notices");
    markovOn(notices);
    SimChannel channel = newChannel("access");
    post(channel, "alice", "soon hidden");
    markovOn(channel);
    awaitStored(channel, 1);
    try {
      bot()
          .sim()
          .control()
          .setPermissionOverwrites(
              channel.id,
              List.of(
                  new PermissionOverwrite(
                      bot().botUser().id,
                      PermissionOverwrite.MEMBER,
                      0,
                      Permission.READ_MESSAGE_HISTORY)));
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  cog().text().store().channels(guild).stream()
                      .anyMatch(
                          r ->
                              r.channelId() == channel.id
                                  && !r.active()
                                  && r.stoppedReason().startsWith("I lost")));
      String notice =
          "^I stopped learning from <#" + channel.id + ">: I lost .* Give me View Channel and Read";
      bot().awaitReply(system, notice);
      assertNoMore(system, notice, 1);
      assertThat(bot().botMessages(notices))
          .as("the system channel comes first")
          .noneMatch(m -> m.content.startsWith("I stopped learning"));
    } finally {
      bot().sim().control().setSystemChannel(guild, null);
    }
  }

  @Test
  @DisplayName(
      "A mention with words is answered with a sentence seeded by them, replying and pinging no"
          + " one; a bare mention too")
  void mentionSpeaks() {
    SimChannel channel = newChannel("mention");
    post(channel, "alice", "walruses adore frozen herring");
    markovOn(channel);
    awaitStored(channel, 1);
    String me = "<@" + bot().botUser().id + ">";

    SimMessage asked = bot().post("bob", channel, me + " walruses please");
    SimMessage answer = bot().awaitReply(channel, "^walruses adore frozen herring$");
    assertThat(answer.referencedMessage).isNotNull();
    assertThat(answer.referencedMessage.id).isEqualTo(asked.id);
    assertThat(answer.mentions).isEmpty();

    bot().post("bob", channel, me);
    assertThat(bot().awaitReply(channel, "^(?!Yes\\?).+").content).doesNotContain("help");
    await("what people say to the bot is never learned")
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> stored(channel).size() == 1);
  }

  @Test
  @DisplayName(
      "A mention followed by a command runs the command; outside learning channels, or with"
          + " speak_on_mention off, a mention is the core's as before")
  void mentionCommands() {
    SimChannel channel = newChannel("mentioncmd");
    post(channel, "alice", "otters hold hands asleep");
    markovOn(channel);
    awaitStored(channel, 1);
    String me = "<@" + bot().botUser().id + ">";

    bot().post("bob", channel, me + " markov stats");
    bot().awaitReply(channel, "^\\d+ messages learned, \\d+ distinct words");
    bot().post("bob", channel, me + " speak otters");
    bot().awaitReply(channel, "^otters hold hands asleep$");

    SimChannel quiet = newChannel("quiet");
    bot().post("bob", quiet, me + " otters please");
    bot().awaitReply(quiet, "^Unknown command `!otters`");

    long guild = bot().guild().id;
    try {
      bot().post("admin", channel, "!settings set markov.speak_on_mention false");
      bot().awaitReply(channel, "^`markov.speak_on_mention` is now false");
      bot().post("bob", channel, me + " otters please");
      bot().awaitReply(channel, "^Unknown command `!otters`");
    } finally {
      cog().ctx().settings(guild).reset(MarkovCog.SPEAK_ON_MENTION).join();
    }
  }

  @Test
  @DisplayName(
      "chime_in: off by default, the bot stays quiet after messages; at 1 it answers each one")
  void chimeIn() {
    SimChannel channel = newChannel("chime");
    post(channel, "alice", "narwhals sing at dawn");
    markovOn(channel);
    awaitStored(channel, 1);

    SimMessage said = bot().post("bob", channel, "what a quiet morning");
    await("no chime with the default chime_in = 0")
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> bot().botMessages(channel).stream().noneMatch(m -> m.id > said.id));

    long guild = bot().guild().id;
    try {
      bot().post("admin", channel, "!settings set markov.chime_in 1");
      bot().awaitReply(channel, "^`markov.chime_in` is now 1 \\(was 0\\)");
      SimMessage again = bot().post("bob", channel, "narwhals");
      SimMessage chimed = bot().awaitReply(channel, "^narwhals sing at dawn$");
      assertThat(chimed.referencedMessage.id).isEqualTo(again.id);
      assertThat(chimed.mentions).isEmpty();
    } finally {
      cog().ctx().settings(guild).reset(MarkovCog.CHIME_IN).join();
    }
  }

  @Test
  @DisplayName("NSFW: an NSFW channel's words are spoken in NSFW channels only")
  void nsfw() {
    SimChannel adult = newChannel("adult");
    bot().sim().control().setNsfw(adult.id, true);
    post(adult, "alice", "velociraptors gobble cheese");
    markovOn(adult);
    awaitStored(adult, 1);
    SimChannel plain = newChannel("plain");
    SimChannel otherAdult = newChannel("adult-too");
    bot().sim().control().setNsfw(otherAdult.id, true);

    bot().post("alice", plain, "!speak velociraptors");
    bot().awaitReply(plain, "^I have never seen \"velociraptors\"");
    bot().post("alice", otherAdult, "!speak velociraptors");
    bot().awaitReply(otherAdult, "^velociraptors gobble cheese$");
  }

  @Test
  @DisplayName(
      "Reconciliation: what was deleted or edited while the bot was away is forgotten or relearned"
          + " at the next start, exactly")
  void reconcilesWhatChangedWhileAway() throws InterruptedException {
    SimChannel channel = newChannel("away");
    List<SimMessage> seeded = seed(channel, 40, 9);
    markovOn(channel);
    awaitStored(channel, 40);
    SimMessage deleted = seeded.get(5);
    SimMessage edited = seeded.get(10);
    SimMessage intoCommand = seeded.get(20);
    bot()
        .restartBot(
            () -> {
              bot().sim().control().deleteMessage(deleted.id, deleted.author.id);
              bot().sim().control().editMessage(edited.id, edited.author.id, "Rewritten LATER");
              bot().sim().control().editMessage(intoCommand.id, intoCommand.author.id, "!ping");
            });

    Set<Long> expected =
        seeded.stream()
            .map(m -> m.id)
            .filter(id -> id != deleted.id && id != intoCommand.id)
            .collect(Collectors.toSet());
    await("the store caught up with the changes")
        .atMost(PATIENCE)
        .until(
            () ->
                stored(channel).stream()
                        .map(Learned::messageId)
                        .collect(Collectors.toSet())
                        .equals(expected)
                    && stored(channel).stream()
                        .anyMatch(
                            m -> m.messageId() == edited.id && m.text().equals("rewritten later")));
    assertModelMatchesStore();
  }

  /** The live model of the sandbox guild equals one rebuilt from the store. */
  void assertModelMatchesStore() {
    long guild = bot().guild().id;
    GuildModel rebuilt = new GuildModel(2);
    cog()
        .text()
        .store()
        .forEach(
            m -> {
              if (m.guildId() == guild) {
                rebuilt.learn(m.channelId(), m.tokens());
              }
            });
    GuildModel live = cog().text().model(guild);
    assertThat(live.words()).isEqualTo(rebuilt.words());
    assertThat(live.transitions()).isEqualTo(rebuilt.transitions());
  }

  /**
   * Over a few learning rounds, {@code channel} keeps exactly {@code count} bot messages matching.
   */
  void assertNoMore(SimChannel channel, String regex, int count) {
    await("no more than " + count + " bot messages matching " + regex)
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                bot().botMessages(channel).stream()
                        .filter(
                            m -> java.util.regex.Pattern.compile(regex).matcher(m.content).find())
                        .count()
                    == count);
  }
}
