package dev.cogworks.markov;

import dev.cogworks.api.CogContext;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.markov.MarkovStore.ChannelRow;
import dev.cogworks.markov.MarkovStore.Learned;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning loop: every {@code gather_interval}, each learning channel's messages after the last
 * one read (a new channel: from {@code history_retention} ago), through the MessagingQueue, stored
 * with the new read position in one transaction, then learned. A full page is followed at once by
 * the next. It also forgets what aged past the retention. Rounds never overlap.
 */
final class Gatherer {
  private static final Logger log = LoggerFactory.getLogger(Gatherer.class);
  private static final long DISCORD_EPOCH = 1420070400000L;

  /** How the loop reaches Discord: the cog's own CogHelper methods. */
  interface Discord {
    CompletableFuture<List<HistoryMessage>> history(long channelId, int limit, long after);

    CompletableFuture<List<GuildEmoji>> emojis(long guildId);

    /** Posts a notice (pinging no one). */
    CompletableFuture<?> tell(long channelId, String content);
  }

  private final CogContext context;
  private final MarkovConfig config;
  private final LearnedText text;
  private final MessageCleaner cleaner;
  private final Shards shards;
  private final ForeignDeletions deletions;
  private final Discord discord;
  private final Map<Long, Set<Long>> emojis = new ConcurrentHashMap<>();
  private final Reconciler reconciler;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean again;

  /** When the next reconciliation pass is due (epoch ms); the first round after start runs one. */
  private volatile long reconcileDue;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "markov-gather");
            t.setDaemon(true);
            return t;
          });

  Gatherer(
      CogContext context,
      MarkovConfig config,
      LearnedText text,
      MessageCleaner cleaner,
      Shards shards,
      ForeignDeletions deletions,
      Discord discord) {
    this.context = context;
    this.deletions = deletions;
    this.config = config;
    this.text = text;
    this.cleaner = cleaner;
    this.shards = shards;
    this.discord = discord;
    this.reconciler =
        new Reconciler(
            context,
            text,
            discord,
            (row, page) ->
                shards.guild(row.guildId()).map(g -> clean(g, row, page)).orElse(List.of()),
            config.reconcileWindow());
  }

  void start() {
    long every = config.gatherInterval().toMillis();
    timer.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.MILLISECONDS);
  }

  void stop() {
    timer.shutdownNow();
  }

  /** A round now (or right after the running one): after {@code markov on}, for example. */
  void wake() {
    if (!running.compareAndSet(false, true)) {
      again = true;
      return;
    }
    again = false;
    round()
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                log.warn("markov: a gathering round failed", error);
              }
              running.set(false);
              if (again) {
                timer.execute(this::wake);
              }
            });
  }

  /** This server's custom emoji ids, as last read (empty before the first read). */
  Set<Long> emojis(long guildId) {
    return emojis.getOrDefault(guildId, Set.of());
  }

  private CompletableFuture<Void> round() {
    OffsetDateTime cutoff = Instant.now().minus(config.historyRetention()).atOffset(ZoneOffset.UTC);
    return context
        .blocking(
            () -> {
              // Only the servers of this process's shards: another process prunes its own, and
              // its models must forget what leaves its servers' rows.
              text.forgetInServers(shards::serves, "created_at < ?", cutoff);
              if (deletions.sinceLastCall()) {
                // A person's data deleted through another process: gone from the store, not yet
                // from this process's models.
                text.rebuild(shards::serves);
              }
              return text.store().channels(null);
            })
        .thenCompose(
            rows -> {
              Map<Long, List<ChannelRow>> byGuild =
                  rows.stream()
                      .filter(ChannelRow::active)
                      .collect(Collectors.groupingBy(ChannelRow::guildId));
              // Up to gather_parallelism servers at once, each server's channels one after another
              // (a server's store and model change under one lock anyway).
              int lanes = Math.max(1, Math.min(config.gatherParallelism(), byGuild.size()));
              List<CompletableFuture<Void>> chains = new ArrayList<>();
              for (int i = 0; i < lanes; i++) {
                chains.add(CompletableFuture.completedFuture(null));
              }
              int next = 0;
              for (Map.Entry<Long, List<ChannelRow>> guild : byGuild.entrySet()) {
                int lane = next++ % lanes;
                chains.set(
                    lane,
                    chains
                        .get(lane)
                        .thenCompose(ignored -> gatherGuild(guild.getKey(), guild.getValue())));
              }
              return CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
                  .thenCompose(ignored -> reconcileIfDue(rows));
            });
  }

  /**
   * Every {@code reconcile_interval} (and in the first round once connected), each channel still
   * learning is checked for what was deleted or edited unseen, one channel after another.
   */
  private CompletableFuture<Void> reconcileIfDue(List<ChannelRow> rows) {
    long now = System.currentTimeMillis();
    if (config.reconcileInterval().isZero() || now < reconcileDue || !shards.connected()) {
      return CompletableFuture.completedFuture(null);
    }
    reconcileDue = now + config.reconcileInterval().toMillis();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (ChannelRow row : rows) {
      chain =
          chain.thenCompose(
              ignored -> {
                Optional<GuildChannel> channel = shards.channel(row.guildId(), row.channelId());
                if (!text.store().learning(row.channelId())
                    || channel.isEmpty()
                    || !Audience.botCanRead(channel.get())
                    || !context.enabledIn(row.guildId())) {
                  return CompletableFuture.completedFuture(null);
                }
                return reconciler
                    .reconcile(row)
                    .handle(
                        (outcome, error) -> {
                          if (error != null) {
                            log.warn(
                                "markov: reconciling channel {} failed; next pass tries again",
                                row.channelId(),
                                error);
                          }
                          return null;
                        });
              });
    }
    return chain;
  }

  /** A server's emojis (once a round), then each of its learning channels in turn. */
  private CompletableFuture<Void> gatherGuild(long guildId, List<ChannelRow> rows) {
    if (!shards.connected() || shards.guild(guildId).isEmpty() || !context.enabledIn(guildId)) {
      // not in that server (its data follows data.server_retention), or the cog is off there
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> chain =
        discord
            .emojis(guildId)
            .thenAccept(
                list ->
                    emojis.put(
                        guildId, list.stream().map(GuildEmoji::id).collect(Collectors.toSet())))
            .exceptionally(
                error -> {
                  log.warn("markov: reading the emojis of server {} failed", guildId, error);
                  return null;
                });
    for (ChannelRow row : rows) {
      chain = chain.thenCompose(ignored -> gather(row, row.lastMessageId()));
    }
    return chain;
  }

  private CompletableFuture<Void> gather(ChannelRow row, Long lastRead) {
    Optional<Guild> guild = shards.guild(row.guildId());
    if (guild.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    GuildChannel channel = guild.get().getGuildChannelById(row.channelId());
    if (channel != null && !Audience.botCanRead(channel)) {
      return stop(row, "I lost View Channel or Read Message History there", true);
    }
    long after =
        lastRead != null ? lastRead : snowflake(Instant.now().minus(config.historyRetention()));
    return discord
        .history(row.channelId(), config.gatherBatch(), after)
        .thenCompose(
            page -> {
              long last = page.stream().mapToLong(HistoryMessage::id).max().orElse(after);
              List<Learned> learned = clean(guild.get(), row, page);
              return context
                  .blocking(() -> text.ingest(row.guildId(), row.channelId(), learned, last))
                  .thenCompose(
                      stored ->
                          page.size() >= config.gatherBatch()
                              ? gather(row, last)
                              : CompletableFuture.completedFuture(null));
            })
        .exceptionallyCompose(error -> failed(row, error));
  }

  private CompletableFuture<Void> failed(ChannelRow row, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof DiscordRequestException e) {
      switch (e.code()) {
        case DiscordRequestException.UNKNOWN_CHANNEL:
          return stop(row, "the channel was deleted", false);
        case DiscordRequestException.MISSING_ACCESS, DiscordRequestException.MISSING_PERMISSIONS:
          return stop(row, "I lost access to the channel", true);
        default:
          break;
      }
    }
    log.warn("markov: reading channel {} failed; trying again next round", row.channelId(), cause);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Stops learning in a channel by itself, and tells the server once: only the round that turns the
   * row off posts, and a stopped channel is never read again, so no later round repeats it.
   */
  private CompletableFuture<Void> stop(ChannelRow row, String reason, boolean lostAccess) {
    log.info("markov: stopped learning in channel {}: {}", row.channelId(), reason);
    return context
        .blocking(() -> text.store().stop(row.channelId(), reason))
        .thenCompose(
            stopped ->
                stopped
                    ? shards
                        .guild(row.guildId())
                        .flatMap(g -> StopNotice.where(g, text.store()))
                        .<CompletableFuture<?>>map(
                            c ->
                                discord.tell(
                                    c.getIdLong(),
                                    StopNotice.text(row.channelId(), reason, lostAccess)))
                        .orElseGet(() -> CompletableFuture.completedFuture(null))
                    : CompletableFuture.completedFuture(null))
        .handle(
            (ok, error) -> {
              if (error != null) {
                log.warn("markov: could not tell server {} learning stopped", row.guildId(), error);
              }
              return null;
            });
  }

  /** What is worth learning of a page: people's messages that are not commands, cleaned. */
  List<Learned> clean(Guild guild, ChannelRow row, List<HistoryMessage> page) {
    Set<Long> ownEmojis = emojis(row.guildId());
    long self = guild.getSelfMember().getIdLong();
    List<Learned> out = new ArrayList<>();
    for (HistoryMessage m : page) {
      if (m.authorBot()
          || m.authorId() == self
          || cleaner.isCommand(m.content())
          || MessageCleaner.addressedTo(m.content(), self)) {
        continue;
      }
      List<String> tokens = cleaner.tokens(m.content(), ownEmojis);
      if (!tokens.isEmpty()) {
        out.add(
            new Learned(
                m.id(),
                row.guildId(),
                row.channelId(),
                m.authorId(),
                m.createdAt(),
                String.join(" ", tokens)));
      }
    }
    return out;
  }

  static long snowflake(Instant at) {
    return Math.max(0, at.toEpochMilli() - DISCORD_EPOCH) << 22;
  }
}
