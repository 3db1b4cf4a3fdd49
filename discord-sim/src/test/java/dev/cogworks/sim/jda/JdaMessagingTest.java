package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Real JDA against discord-sim: login, guilds, messages, replies, history")
class JdaMessagingTest {
  private DiscordSim sim;
  private JDA jda;

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private SimGuild start(Compression compression) throws InterruptedException {
    // Relaxed buckets: this test is about the protocol, RateLimitTest is about the limits.
    sim =
        DiscordSim.start(
            SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01)));
    SimGuild guild = SandboxSeed.apply(sim.control());
    sim.control().createEmoji(guild.id, "cog", false);
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    jda = SimJda.login(sim, bot, compression);
    return guild;
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("JDA logs in and sees the seeded guild with its channels, roles, members, emojis")
  void logsInAndReceivesGuilds(Compression compression) throws Exception {
    SimGuild seeded = start(compression);

    Guild guild = jda.getGuildById(seeded.id);

    assertThat(guild).isNotNull();
    assertThat(guild.getName()).isEqualTo("Sandbox");
    assertThat(guild.getTextChannels())
        .extracting(TextChannel::getName)
        .containsExactly("general", "music", "markov", "roles");
    assertThat(guild.getRoles()).extracting(r -> r.getName()).contains("Administrator", "cogworks");
    assertThat(guild.getPublicRole().getIdLong()).isEqualTo(seeded.id);
    assertThat(guild.getSelfMember().getUser().getName()).isEqualTo("cogworks");
    assertThat(guild.getMemberCount()).isEqualTo(4);
    assertThat(guild.getMembers())
        .extracting(m -> m.getUser().getName())
        .containsExactlyInAnyOrder("admin", "alice", "bob", "cogworks");
    assertThat(guild.getOwnerIdLong()).isEqualTo(userId("admin"));
    assertThat(guild.retrieveEmojis().complete())
        .extracting(e -> e.getName())
        .containsExactly("cog");
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("JDA sends, edits and deletes messages and receives the matching events")
  void sendsEditsDeletes(Compression compression) throws Exception {
    start(compression);
    TextChannel general = jda.getTextChannelsByName("general", false).get(0);
    List<Object> events = new CopyOnWriteArrayList<>();
    jda.addEventListener(
        new ListenerAdapter() {
          @Override
          public void onMessageReceived(MessageReceivedEvent event) {
            events.add("create:" + event.getMessage().getContentRaw());
          }

          @Override
          public void onMessageUpdate(MessageUpdateEvent event) {
            events.add("update:" + event.getMessage().getContentRaw());
          }

          @Override
          public void onMessageDelete(MessageDeleteEvent event) {
            events.add("delete:" + event.getMessageIdLong());
          }
        });

    Message sent =
        general
            .sendMessage("hello")
            .setEmbeds(new EmbedBuilder().setTitle("Status").setDescription("all good").build())
            .complete();
    Message edited = sent.editMessage("hello again").complete();
    sent.delete().complete();

    assertThat(sent.getContentRaw()).isEqualTo("hello");
    assertThat(sent.getEmbeds())
        .singleElement()
        .satisfies(e -> assertThat(e.getTitle()).isEqualTo("Status"));
    assertThat(edited.getContentRaw()).isEqualTo("hello again");
    assertThat(edited.getTimeEdited()).isNotNull();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(events)
                    .containsExactly(
                        "create:hello", "update:hello again", "delete:" + sent.getIdLong()));
    SimMessage stored = sim.control().messages(general.getIdLong()).get(0);
    assertThat(stored.deleted()).isTrue();
    assertThat(stored.history).extracting(SimMessage.Revision::content).containsExactly("hello");
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("A user's message reaches JDA with its content, author and member")
  void receivesUserMessages(Compression compression) throws Exception {
    SimGuild guild = start(compression);
    SimChannel general = channel(guild, "general");
    List<Message> received = receivedMessages();

    sim.control()
        .postMessage(general.id, userId("alice"), "hi <@" + jda.getSelfUser().getId() + ">");

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received).hasSize(1));
    Message message = received.get(0);
    assertThat(message.getAuthor().getName()).isEqualTo("alice");
    assertThat(message.getMember()).isNotNull();
    assertThat(message.getMentions().getUsers()).containsExactly(jda.getSelfUser());
    assertThat(message.getContentRaw()).startsWith("hi <@");
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("JDA reads history across pages of 100, newest first")
  void readsHistory(Compression compression) throws Exception {
    SimGuild guild = start(compression);
    SimChannel markov = channel(guild, "markov");
    for (int i = 0; i < 250; i++) {
      sim.control().postMessage(markov.id, userId("bob"), "line " + i);
    }
    TextChannel channel = jda.getTextChannelById(markov.id);

    List<Message> history = channel.getIterableHistory().takeAsync(250).get();
    List<Message> middle =
        channel.getHistoryAround(history.get(100).getIdLong(), 11).complete().getRetrievedHistory();
    List<Message> after =
        channel.getHistoryAfter(history.get(249).getIdLong(), 3).complete().getRetrievedHistory();

    assertThat(history).hasSize(250);
    assertThat(history.get(0).getContentRaw()).isEqualTo("line 249");
    assertThat(history.get(249).getContentRaw()).isEqualTo("line 0");
    assertThat(middle)
        .extracting(Message::getContentRaw)
        .contains("line 149", "line 144", "line 154");
    assertThat(after)
        .extracting(Message::getContentRaw)
        .containsExactly("line 3", "line 2", "line 1");
  }

  @Test
  @DisplayName(
      "JDA replies: a type-19 reply to the command message with a nonce, pinging only when asked;"
          + " fail-on-invalid-reply decides about a deleted message")
  void replies() throws Exception {
    SimGuild guild = start(Compression.ZLIB);
    SimChannel general = channel(guild, "general");
    TextChannel channel = jda.getTextChannelById(general.id);
    List<Message> received = receivedMessages();
    SimMessage command = sim.control().postMessage(general.id, userId("alice"), "!ping");
    long gone = sim.control().postMessage(general.id, userId("alice"), "gone").id;
    channel.deleteMessageById(gone).complete();
    Message commandMessage = channel.retrieveMessageById(command.id).complete();

    Message quiet = commandMessage.reply("pong").mentionRepliedUser(false).complete();
    Message loud = commandMessage.reply("PONG").complete();
    Message plain =
        channel
            .sendMessage("to nobody")
            .setMessageReference(gone)
            .failOnInvalidReply(false)
            .complete();

    SimMessage storedQuiet = stored(general, quiet);
    assertThat(storedQuiet.referencedMessage).isSameAs(command);
    assertThat(storedQuiet.nonce).isNotBlank();
    assertThat(storedQuiet.mentions).isEmpty();
    assertThat(stored(general, loud).mentions)
        .extracting(m -> m.path("username").asText())
        .containsExactly("alice");
    assertThat(quiet.getType()).isEqualTo(MessageType.INLINE_REPLY);
    assertThat(quiet.getMessageReference().getMessageIdLong()).isEqualTo(command.id);
    assertThat(quiet.getReferencedMessage().getContentRaw()).isEqualTo("!ping");
    assertThat(plain.getType()).isEqualTo(MessageType.DEFAULT);
    assertThat(plain.getMessageReference()).isNull();
    assertThatThrownBy(
            () ->
                channel
                    .sendMessage("fails")
                    .setMessageReference(gone)
                    .failOnInvalidReply(true)
                    .complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e ->
                assertThat(e.getSchemaErrors())
                    .singleElement()
                    .satisfies(
                        error -> {
                          assertThat(error.getLocation()).isEqualTo("message_reference");
                          assertThat(error.getErrors().get(0).getCode())
                              .isEqualTo("MESSAGE_REFERENCE_UNKNOWN_MESSAGE");
                        }));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(received)
                    .filteredOn(m -> m.getIdLong() == quiet.getIdLong())
                    .singleElement()
                    .satisfies(
                        m ->
                            assertThat(m.getReferencedMessage().getAuthor().getName())
                                .isEqualTo("alice")));
  }

  /** Every message JDA receives from now on, in arrival order. */
  private List<Message> receivedMessages() {
    List<Message> received = new CopyOnWriteArrayList<>();
    jda.addEventListener(
        new ListenerAdapter() {
          @Override
          public void onMessageReceived(MessageReceivedEvent event) {
            received.add(event.getMessage());
          }
        });
    return received;
  }

  private SimMessage stored(SimChannel channel, Message message) {
    return sim.control().messages(channel.id).stream()
        .filter(m -> m.id == message.getIdLong())
        .findFirst()
        .orElseThrow();
  }

  private SimChannel channel(SimGuild guild, String name) {
    return sim.control().channelByName(guild.id, name).orElseThrow();
  }

  private long userId(String name) {
    SimUser user = sim.control().userByName(name).orElseThrow();
    return user.id;
  }
}
