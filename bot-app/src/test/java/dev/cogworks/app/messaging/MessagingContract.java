package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The MessagingQueue contract: what every CogHelper operation does, against discord-sim with real
 * JDA. Each messaging mode runs it through a subclass with its own bot.
 */
abstract class MessagingContract {
  static final String SEND_ROUTE = "POST /channels/{channel_id}/messages";
  static final String EDIT_ROUTE = "PATCH /channels/{channel_id}/messages/{message_id}";

  /** A harness for a bot in {@code mode} running {@code probe}. */
  static PlatformHarness harness(String mode, ProbeCog probe) {
    return PlatformHarness.with(probe)
        .config("messaging.mode", mode)
        // Buckets 100x faster: the contract is about behaviour; the benchmark is about limits.
        .simOptions(
            SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01)));
  }

  abstract PlatformHarness bot();

  abstract ProbeCog probe();

  /**
   * The most edits Discord may see for {@code updates} quick edits of one message, where merging
   * usually keeps them to {@code merged}: an engine whose every send waits longer spreads a burst
   * over more bucket windows, so more edits go out (see the Redis Cluster's subclass).
   */
  long editsAtMost(long merged, long updates) {
    return merged;
  }

  static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  /** A new channel, once the bot's JDA has heard of it. */
  long newChannel(String name) {
    long id = bot().sim().control().createChannel(bot().guild().id, name).id;
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                // Workers address channels by id over REST: only the bot needs to know it.
                bot().bot().shards().getTextChannelById(id) != null);
    return id;
  }

  long channel(String name) {
    return bot().channel(name).id;
  }

  List<SimMessage> live(String channel) {
    return bot().sim().control().messages(channel(channel)).stream()
        .filter(m -> !m.deleted())
        .toList();
  }

  SimMessage message(long channel, long id) {
    return bot().sim().control().messages(channel).stream()
        .filter(m -> m.id == id)
        .findFirst()
        .orElseThrow();
  }

  static DiscordRequestException discordError(CompletableFuture<?> future) {
    try {
      future.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(DiscordRequestException.class);
      return (DiscordRequestException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a DiscordRequestException");
  }

  @Test
  @DisplayName("sendMessage returns the id; embeds arrive; nobody is pinged unless allowed")
  void sends() throws Exception {
    long alice = bot().user("alice").id;
    long general = channel("general");

    var plain = await(probe().send(general, "hi <@" + alice + "> and @everyone"));
    var allowed =
        await(
            probe()
                .send(
                    general,
                    "hi <@" + alice + ">",
                    SendOptions.DEFAULT.withAllowedMentions(AllowedMentions.users(alice))));
    var embedded =
        await(
            probe()
                .send(
                    general,
                    "report",
                    SendOptions.DEFAULT.withEmbeds(Embed.of("Status", "all good"))));

    SimMessage first = bot().sim().control().state().findMessage(plain.id()).orElseThrow();
    SimMessage second = bot().sim().control().state().findMessage(allowed.id()).orElseThrow();
    SimMessage third = bot().sim().control().state().findMessage(embedded.id()).orElseThrow();
    assertThat(first.content).isEqualTo("hi <@" + alice + "> and @everyone");
    assertThat(first.mentions).as("no pings by default").isEmpty();
    assertThat(second.mentions).hasSize(1);
    assertThat(third.embeds.get(0).path("title").asText()).isEqualTo("Status");
    assertThat(first.nonce).as("every send carries a nonce").isNotBlank();
  }

  @Test
  @DisplayName("Content over 2,000 characters is split on line boundaries, never cut; or refused")
  void longContent() throws Exception {
    long music = channel("music");
    String content =
        IntStream.range(0, 45).mapToObj(i -> i + "x".repeat(97)).collect(Collectors.joining("\n"));

    var sent = await(probe().send(music, content));
    DiscordRequestException refused =
        discordError(probe().send(music, content, SendOptions.DEFAULT.rejectLongContent()));

    assertThat(sent.ids()).hasSize(3);
    List<String> parts =
        sent.ids().stream()
            .map(id -> bot().sim().control().state().findMessage(id).orElseThrow().content)
            .toList();
    assertThat(String.join("\n", parts)).as("split between lines, nothing lost").isEqualTo(content);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "A progress message ends on its final content without a flood of edits: merged by the"
          + " queue, or at most one a second")
  void progressMessage() throws Exception {
    long channel = newChannel("progress-" + System.nanoTime());
    long id = await(probe().send(channel, "0%")).id();
    ProgressMessage progress = probe().progress(channel, id);

    long start = System.nanoTime();
    for (int i = 1; i <= 200; i++) {
      progress.update(i / 2 + "%");
    }
    await(progress.finish("done"));
    double seconds = (System.nanoTime() - start) / 1e9;

    SimMessage message = bot().sim().control().state().findMessage(id).orElseThrow();
    assertThat(message.content).isEqualTo("done");
    int edits = message.history.size();
    assertThat((long) edits).isBetween(1L, editsAtMost(5, 200));
    if (!bot().bot().messaging().coalescesEdits()) {
      // Paced by the helper: the first update at once, then one edit per second at most.
      assertThat(edits).isLessThanOrEqualTo((int) Math.floor(seconds) + 1);
    }
    // Updates after the end change nothing.
    progress.update("late");
    assertThat(progress.finish("again").isCompletedExceptionally()).isFalse();
    org.awaitility.Awaitility.await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> message.content.equals("done"));
  }

  @Test
  @DisplayName(
      "Edits of one message faster than its bucket merge into one waiting edit: every caller is"
          + " answered, the last content lands, few edits reach Discord")
  void editsMerge() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        bot().bot().messaging().coalescesEdits(), "this mode sends every edit it is given");
    long channel = newChannel("merge-" + System.nanoTime());
    long id = await(probe().send(channel, "0")).id();
    long editsBefore = bot().sim().control().stats().messagesEdited();

    List<CompletableFuture<?>> edits = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      edits.add(probe().edit(channel, id, Integer.toString(i), null));
    }
    for (CompletableFuture<?> edit : edits) {
      await(edit);
    }

    SimMessage message = bot().sim().control().state().findMessage(id).orElseThrow();
    assertThat(message.content).isEqualTo("60");
    long sent = bot().sim().control().stats().messagesEdited() - editsBefore;
    System.out.printf("%s: 60 edits of one message reached Discord as %d%n", getClass(), sent);
    // Discord allows 5 edits per 5 s in a channel: unmerged, 60 edits would take a minute.
    assertThat(sent).isBetween(1L, editsAtMost(6, 60));
  }

  @Test
  @DisplayName("editMessage changes content; deleteMessage deletes; a deleted message is 10008")
  void editsAndDeletes() throws Exception {
    long markov = channel("markov");
    long id = await(probe().send(markov, "draft")).id();

    await(probe().edit(markov, id, "final", null));
    await(probe().delete(markov, id));
    DiscordRequestException gone = discordError(probe().edit(markov, id, "again", null));

    SimMessage message = bot().sim().control().state().findMessage(id).orElseThrow();
    assertThat(message.history).extracting(SimMessage.Revision::content).containsExactly("draft");
    assertThat(message.deleted()).isTrue();
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.code()).isEqualTo(DiscordRequestException.UNKNOWN_MESSAGE);
  }

  @Test
  @DisplayName("A 404 is not retried; injected 5xx are retried until the send succeeds")
  void retries() throws Exception {
    long roles = channel("roles");
    var stats = bot().sim().control().stats();
    String edit = "PATCH /channels/{channel_id}/messages/{message_id}";
    long editsBefore = stats.requests(edit);

    discordError(probe().edit(roles, 42, "nothing there", null));

    assertThat(stats.requests(edit) - editsBefore).as("no retry on 404").isEqualTo(1);
    bot()
        .sim()
        .control()
        .faults()
        .add(
            new dev.cogworks.sim.faults.Fault.ServerError(
                "POST /channels/{channel_id}/messages", 500, 0, 2));
    var sent = await(probe().send(roles, "through the storm"));
    assertThat(bot().sim().control().state().findMessage(sent.id()).orElseThrow().content)
        .isEqualTo("through the storm");
    assertThat(live("roles")).filteredOn(m -> m.content.equals("through the storm")).hasSize(1);
  }

  @Test
  @DisplayName("fetchChannelHistory pages past 100, oldest first, after an id or before a time")
  void history() throws Exception {
    long channel = newChannel("history");
    long alice = bot().user("alice").id;
    // One millisecond apart, so that a time falls between any two of them.
    Instant first = Instant.now().minusSeconds(60);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      ids.add(bot().sim().control().postMessage(channel, alice, "m" + i, first.plusMillis(i)).id);
    }
    Instant middle = dev.cogworks.sim.model.Snowflakes.instantOf(ids.get(200));

    List<HistoryMessage> all = await(probe().history(channel, 1000, null, null));
    List<HistoryMessage> after = await(probe().history(channel, 120, ids.get(9), null));
    List<HistoryMessage> latest = await(probe().history(channel, 3, null, null));

    assertThat(all).hasSize(250);
    assertThat(all.get(0).content()).isEqualTo("m0");
    assertThat(all.get(249).content()).isEqualTo("m249");
    assertThat(all.get(0).authorId()).isEqualTo(alice);
    assertThat(after).hasSize(120);
    assertThat(after.get(0).content()).isEqualTo("m10");
    assertThat(after.get(119).content()).isEqualTo("m129");
    assertThat(latest).extracting(HistoryMessage::content).containsExactly("m247", "m248", "m249");
    assertThat(await(probe().history(channel, 5, null, middle.plusMillis(1))))
        .extracting(HistoryMessage::content)
        .containsExactly("m196", "m197", "m198", "m199", "m200");
  }

  @Test
  @DisplayName("fetchGuildEmojis, listRoles, addRole and removeRole; a role above the bot is 50013")
  void guildOperations() throws Exception {
    long guild = bot().guild().id;
    long bob = bot().user("bob").id;
    bot().sim().control().createEmoji(guild, "cog", false);
    SimRole dj = bot().sim().control().createRole(guild, "DJ", 0, 1);
    SimRole top = bot().sim().control().createRole(guild, "Top", Permission.ADMINISTRATOR, 1000);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> bot().bot().shards().getRoleById(top.id) != null);

    var emojis = await(probe().emojis(guild));
    var roles = await(probe().roles(guild));
    await(probe().giveRole(guild, bob, dj.id));
    boolean hadRole = bot().guild().members.get(bob).roleIds.contains(dj.id);
    await(probe().takeRole(guild, bob, dj.id));
    DiscordRequestException refused = discordError(probe().giveRole(guild, bob, top.id));

    assertThat(emojis)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("cog");
              assertThat(e.url()).contains(Long.toString(e.id()));
            });
    assertThat(roles).extracting(r -> r.name()).contains("Administrator", "DJ", "Top");
    assertThat(hadRole).isTrue();
    assertThat(bot().guild().members.get(bob).roleIds).doesNotContain(dj.id);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo(DiscordRequestException.MISSING_PERMISSIONS);
  }

  @Test
  @DisplayName(
      "batchUpdateMessages counts each update and lists the failed messages in submission order")
  void batchUpdates() throws Exception {
    long channel = newChannel("batch");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(await(probe().send(channel, "v0 #" + i)).id());
    }
    for (int gone : new int[] {1, 2, 4}) {
      await(probe().delete(channel, ids.get(gone)));
    }

    var result =
        await(
            probe()
                .batch(
                    channel,
                    List.of(
                        new MessageUpdate(ids.get(0), "v1"),
                        new MessageUpdate(ids.get(1), "v1"),
                        new MessageUpdate(ids.get(2), "v1"),
                        new MessageUpdate(ids.get(0), "v2"),
                        new MessageUpdate(ids.get(3), "v1"),
                        new MessageUpdate(ids.get(4), "v1"))));

    assertThat(result.updated()).as("message 0 twice, message 3 once").isEqualTo(3);
    assertThat(result.failed()).isEqualTo(3);
    assertThat(result.failures().keySet()).containsExactly(ids.get(1), ids.get(2), ids.get(4));
    assertThat(result.failures().values())
        .allSatisfy(reason -> assertThat(reason).contains("10008"));
    assertThat(live("batch")).extracting(m -> m.content).containsExactly("v2", "v1");
  }

  @Test
  @DisplayName("16 concurrent producers: each producer's messages arrive in its order")
  void perChannelOrder() throws Exception {
    long channel = newChannel("order");
    List<CompletableFuture<?>> sends = new ArrayList<>();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < 16; p++) {
      int producer = p;
      producers.add(
          new Thread(
              () -> {
                for (int i = 0; i < 5; i++) {
                  synchronized (sends) {
                    sends.add(probe().send(channel, "p" + producer + "-" + i));
                  }
                }
              }));
    }
    producers.forEach(Thread::start);
    for (Thread producer : producers) {
      producer.join();
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    List<String> arrived =
        bot().sim().control().messages(channel).stream().map(m -> m.content).toList();
    assertThat(arrived).hasSize(80);
    for (int p = 0; p < 16; p++) {
      String prefix = "p" + p + "-";
      assertThat(arrived.stream().filter(c -> c.startsWith(prefix)).toList())
          .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> prefix + i).toList());
    }
  }

  @Test
  @DisplayName("deleteAfter removes the message once the delay has passed")
  void deleteAfter() throws Exception {
    long channel = newChannel("ephemeral");

    long id =
        await(
                probe()
                    .send(
                        channel,
                        "self-destructs",
                        SendOptions.DEFAULT.deleteAfter(Duration.ofMillis(300))))
            .id();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> bot().sim().control().state().findMessage(id).orElseThrow().deleted());
  }

  @Test
  @DisplayName("A wide burst across 60 channels: each gets its message, with no 429 at all")
  void wideBurstWithoutGlobal429() throws Exception {
    List<Long> channels = IntStream.range(0, 60).mapToObj(i -> newChannel("w" + i)).toList();
    long rateLimitedBefore = bot().sim().control().stats().totalRateLimited();

    List<CompletableFuture<SentMessage>> sends =
        channels.stream().map(c -> probe().send(c, "wide")).toList();
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    for (int i = 0; i < channels.size(); i++) {
      long sent = sends.get(i).join().id();
      assertThat(bot().botMessages("w" + i))
          .as("#w%d", i)
          .singleElement()
          .satisfies(m -> assertThat(m.id).isEqualTo(sent))
          .satisfies(m -> assertThat(m.content).isEqualTo("wide"));
    }
    assertThat(bot().sim().control().stats().totalRateLimited() - rateLimitedBefore)
        .as("429s answered by discord-sim, any scope")
        .isZero();
  }

  @Test
  @DisplayName("A 403 (no permission to send here) is not retried: one request, a typed 50013")
  void forbiddenNotRetried() throws Exception {
    long guild = bot().guild().id;
    long locked =
        bot()
            .sim()
            .control()
            .createChannel(
                guild,
                "locked-" + System.nanoTime(),
                List.of(
                    new dev.cogworks.sim.model.PermissionOverwrite(
                        guild,
                        dev.cogworks.sim.model.PermissionOverwrite.ROLE,
                        0,
                        Permission.SEND_MESSAGES)))
            .id;
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> bot().bot().shards().getTextChannelById(locked) != null);
    var stats = bot().sim().control().stats();
    long before = stats.requests("POST /channels/{channel_id}/messages");

    DiscordRequestException refused = discordError(probe().send(locked, "let me in"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo(DiscordRequestException.MISSING_PERMISSIONS);
    // The bot's JDA knows the channel's overwrites and refuses before sending: no request at all.
    // A gateway worker has no gateway cache to know them: Discord refuses its one request.
    assertThat(stats.requests("POST /channels/{channel_id}/messages") - before)
        .isEqualTo(bot().workers().isEmpty() ? 0 : 1);

    // A 403 only Discord knows about (injected) is sent once and not retried.
    long open = channel("general");
    bot()
        .sim()
        .control()
        .faults()
        .add(
            new dev.cogworks.sim.faults.Fault.ServerError(
                "POST /channels/{channel_id}/messages", 403, 0, 1));
    long beforeInjected = stats.requests("POST /channels/{channel_id}/messages");
    DiscordRequestException injected = discordError(probe().send(open, "refused by Discord"));
    assertThat(injected.status()).isEqualTo(403);
    assertThat(stats.requests("POST /channels/{channel_id}/messages") - beforeInjected)
        .isEqualTo(1);
  }

  @Test
  @DisplayName("A cog's future completes on the cog executor, never on a JDA or engine thread")
  void completesOnTheCogExecutor() throws Exception {
    long channel = newChannel("threads");
    // Held a moment at Discord, so the callback is attached long before the answer comes.
    bot().sim().control().faults().add(new Fault.Latency(SEND_ROUTE, 300));
    try {
      CompletableFuture<String> thread =
          probe().send(channel, "which thread?").thenApply(m -> Thread.currentThread().getName());
      assertThat(await(thread)).startsWith("cogworks-cog-");
    } finally {
      bot().sim().control().clearFaults();
    }
  }

  @Test
  @DisplayName("A caller cancelling its future changes nothing: the channel's next request waits")
  void cancellingIsTheCallersOwn() throws Exception {
    long channel = newChannel("cancelled");
    long first = await(probe().send(channel, "first")).id();
    bot().sim().control().faults().add(new Fault.Latency(EDIT_ROUTE, 500));
    try {
      CompletableFuture<Void> edit = probe().edit(channel, first, "first, edited", null);
      edit.cancel(true);
      long second = await(probe().send(channel, "second")).id();

      SimMessage edited = message(channel, first);
      SimMessage next = message(channel, second);
      assertThat(edited.content).isEqualTo("first, edited");
      assertThat(next.createdAt()).isAfterOrEqualTo(edited.editedAt);
    } finally {
      bot().sim().control().clearFaults();
    }
  }

  @Test
  @DisplayName(
      "A prefix command's answer is a queued reply: it references the command and has a nonce")
  void prefixAnswersAreQueuedReplies() {
    long before = workerSuccesses();
    SimMessage command = bot().post("alice", "general", "!ping");
    SimMessage pong =
        org.awaitility.Awaitility.await()
            .until(
                () ->
                    bot().botMessages("general").stream()
                        .filter(m -> m.referencedMessage != null)
                        .filter(m -> m.referencedMessage.id == command.id)
                        .filter(m -> m.content.contains("reply round trip"))
                        .findFirst(),
                found -> found.isPresent())
            .orElseThrow();

    assertThat(pong.nonce).isNotBlank();
    assertThat(pong.mentions).isEmpty();
    // In external_gateway the answer and its edit were the workers' to make.
    if (!bot().workers().isEmpty()) {
      org.awaitility.Awaitility.await()
          .untilAsserted(() -> assertThat(workerSuccesses() - before).isEqualTo(2));
    }
  }

  @Test
  @DisplayName(
      "A slash command is deferred, then answered through the queue: its response filled in")
  void slashAnswersThroughTheQueue() {
    long before = workerSuccesses();
    bot().slash("bob", "general", "ping");
    SimMessage pong = bot().awaitReply("general", "reply round trip \\d+ ms");

    assertThat(pong.interactionMetadata).isNotNull();
    assertThat(pong.loading()).isFalse();
    assertThat(pong.ephemeral()).isFalse();
    if (!bot().workers().isEmpty()) {
      org.awaitility.Awaitility.await()
          .untilAsserted(() -> assertThat(workerSuccesses() - before).isEqualTo(2));
    }
  }

  /** Requests the gateway workers answered successfully, across them all (0 without workers). */
  long workerSuccesses() {
    return bot().workers().stream()
        .mapToLong(w -> w.worker().outcomes().getOrDefault("success", 0L))
        .sum();
  }
}
