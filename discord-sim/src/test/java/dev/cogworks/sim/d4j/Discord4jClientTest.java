package dev.cogworks.sim.d4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import discord4j.common.util.Snowflake;
import discord4j.core.DiscordClientBuilder;
import discord4j.core.GatewayDiscordClient;
import discord4j.core.event.domain.message.MessageCreateEvent;
import discord4j.core.object.entity.Message;
import discord4j.core.object.entity.channel.MessageChannel;
import discord4j.core.retriever.EntityRetrievalStrategy;
import discord4j.core.spec.MessageEditSpec;
import discord4j.gateway.intent.Intent;
import discord4j.gateway.intent.IntentSet;
import discord4j.rest.request.RouterOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Discord4J, a second client with its own reading of Discord's API, against the simulator: what it
 * accepts and sends must agree with Discord's documentation as JDA's does.
 */
@DisplayName("Discord4J against discord-sim: login, events, send, edit, read back, 429s")
class Discord4jClientTest {
  private static DiscordSim sim;
  private static GatewayDiscordClient gateway;
  private static SimGuild guild;
  private static SimUser alice;
  private static final List<MessageCreateEvent> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void login() {
    sim = DiscordSim.start();
    guild = SandboxSeed.apply(sim.control());
    alice = sim.control().userByName("alice").orElseThrow();
    SimBot bot = sim.control().createBot("d4j", PrivilegedIntent.all());
    // Discord4J's base URL has no trailing slash (its routes start with one); the gateway URL
    // comes from GET /gateway, which the simulator answers with its own.
    String base = sim.restBaseUrl().replaceAll("/$", "");
    gateway =
        DiscordClientBuilder.create(bot.token)
            .setExtraOptions(
                o ->
                    new RouterOptions(
                        o.getToken(),
                        o.getReactorResources(),
                        o.getExchangeStrategies(),
                        o.getResponseTransformers(),
                        o.getGlobalRateLimiter(),
                        o.getRequestQueueFactory(),
                        base))
            .build()
            .gateway()
            .setEnabledIntents(
                IntentSet.of(Intent.GUILDS, Intent.GUILD_MESSAGES, Intent.MESSAGE_CONTENT))
            .login()
            .block(Duration.ofSeconds(30));
    gateway.on(MessageCreateEvent.class).subscribe(received::add);
  }

  @AfterAll
  static void logout() {
    if (gateway != null) {
      gateway.logout().block(Duration.ofSeconds(10));
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static SimChannel channel(String name) {
    return sim.control().channelByName(guild.id, name).orElseThrow();
  }

  private static MessageChannel d4jChannel(SimChannel channel) {
    return gateway
        .getChannelById(Snowflake.of(channel.id))
        .ofType(MessageChannel.class)
        .block(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("when alice writes, Discord4J gets a MessageCreateEvent with guild, author, content")
  void receivesMessages() {
    sim.control().postMessage(channel("general").id, alice.id, "hello d4j");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> received.stream().anyMatch(e -> e.getMessage().getContent().equals("hello d4j")));
    MessageCreateEvent event =
        received.stream()
            .filter(e -> e.getMessage().getContent().equals("hello d4j"))
            .findFirst()
            .orElseThrow();
    assertThat(event.getGuildId()).contains(Snowflake.of(guild.id));
    assertThat(event.getMember()).isPresent();
    assertThat(event.getMessage().getAuthor().orElseThrow().getUsername()).isEqualTo("alice");
  }

  @Test
  @DisplayName("Discord4J sends a message, edits it and reads it back edited")
  void sendsEditsAndReadsBack() {
    MessageChannel music = d4jChannel(channel("music"));

    Message sent = music.createMessage("first draft").block(Duration.ofSeconds(10));
    Message edited =
        sent.edit(MessageEditSpec.builder().contentOrNull("final text").build())
            .block(Duration.ofSeconds(10));
    // Read over REST, not from Discord4J's cache (which the MESSAGE_UPDATE event updates later).
    Message readBack =
        gateway
            .withRetrievalStrategy(EntityRetrievalStrategy.REST)
            .getMessageById(Snowflake.of(channel("music").id), sent.getId())
            .block(Duration.ofSeconds(10));

    assertThat(edited.getContent()).isEqualTo("final text");
    assertThat(readBack.getContent()).isEqualTo("final text");
    assertThat(readBack.getEditedTimestamp()).isPresent();
    SimMessage stored = sim.control().messages(channel("music").id).get(0);
    assertThat(stored.content).isEqualTo("final text");
    assertThat(stored.history).hasSize(1);
  }

  @Test
  @DisplayName(
      "seven messages at once to one channel (5 per 5 s allowed): Discord4J waits out the limit"
          + " and all seven arrive")
  void handlesMessageCreateRateLimit() {
    MessageChannel markov = d4jChannel(channel("markov"));
    sim.control().resetStats();
    // Discord4J reads X-RateLimit-Remaining and waits before it runs out, so the bucket alone
    // rarely shows it a 429; one forced 429 (as Discord sends when buckets are shared) makes sure
    // it also handles Retry-After on this route.
    sim.control()
        .faults()
        .add(
            new Fault.ForcedRateLimit(
                "POST /channels/{channel_id}/messages", RateLimitDecision.Scope.USER, 1000, 1));
    long started = System.nanoTime();

    List<Message> sent =
        Flux.range(1, 7)
            .flatMap(i -> markov.createMessage("burst " + i))
            .collectList()
            .block(Duration.ofSeconds(30));

    assertThat(sent).hasSize(7);
    assertThat(sim.control().messages(channel("markov").id))
        .extracting(m -> m.content)
        .containsExactlyInAnyOrder(
            "burst 1", "burst 2", "burst 3", "burst 4", "burst 5", "burst 6", "burst 7");
    assertThat(sim.control().stats().totalRateLimited()).isGreaterThanOrEqualTo(1);
    // Five per five seconds: the sixth and seventh waited for the next window.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(4));
  }
}
