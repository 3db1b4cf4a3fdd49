package dev.cogworks.core.internal.admin;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.command.Reply;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.core.internal.command.Owners;
import dev.cogworks.core.internal.conversation.ConversationService;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.DeadLetters.DeadLetter;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.messaging.QueueStats;
import dev.cogworks.core.internal.messaging.RecentCounts;
import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.RelayTransport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * {@code cogworks status|pause|resume|deadletters} (under the core's {@code cogworks}): the owner's
 * view and actions in Discord. The status is for the bot's owners (everything) and a server's
 * admins (their own server's queued requests and dead letters only); the rest is for owners alone.
 */
public final class OperatorCommands {
  static final int GREEN = 0x57F287;
  static final int YELLOW = 0xFEE75C;
  static final int LISTED = 10;

  private final Operations operations;
  private final Owners owners;
  private final int globalLimit;
  private final Optional<ConversationService> conversation;
  private final Executor io;

  public OperatorCommands(
      Operations operations,
      Owners owners,
      int globalLimit,
      Optional<ConversationService> conversation,
      Executor io) {
    this.operations = operations;
    this.owners = owners;
    this.globalLimit = globalLimit;
    this.conversation = conversation;
    this.io = io;
  }

  /** {@code status}, {@code pause}, {@code resume}: subcommands of {@code cogworks}. */
  public List<CommandSpec> subcommands() {
    return List.of(
        CommandSpec.builder("status", "Messaging status (owners: everything; admins: this server)")
            .handler(this::status)
            .build(),
        CommandSpec.builder("pause", "Hold every request in the queue (owners)")
            .ownerOnly()
            .handler(invocation -> act(invocation, true))
            .build(),
        CommandSpec.builder("resume", "Send what the pause held (owners)")
            .ownerOnly()
            .handler(invocation -> act(invocation, false))
            .build());
  }

  /** {@code cogworks deadletters list|retry|discard}. */
  public List<CommandGroup> groups() {
    return List.of(
        CommandGroup.builder("deadletters", "Requests that failed for good (owners)")
            .subcommand(
                CommandSpec.builder("list", "The newest dead letters (owners)")
                    .ownerOnly()
                    .handler(this::list)
                    .build())
            .subcommand(
                CommandSpec.builder("retry", "Send dead letters again (owners)")
                    .ownerOnly()
                    .option(
                        OptionSpec.required(
                            "which", OptionKind.STRING, "a dead letter's id, or all"))
                    .handler(this::retry)
                    .build())
            .subcommand(
                CommandSpec.builder("discard", "Forget dead letters (owners)")
                    .ownerOnly()
                    .option(
                        OptionSpec.required(
                            "which", OptionKind.STRING, "a dead letter's id, or all"))
                    .handler(this::discard)
                    .build())
            .build());
  }

  private boolean isOwner(CommandInvocation invocation) {
    return owners.contains(invocation.user().getIdLong());
  }

  private CompletionStage<?> status(CommandInvocation invocation) {
    if (isOwner(invocation)) {
      return CompletableFuture.supplyAsync(() -> everything(invocation), io)
          .thenCompose(embed -> invocation.reply(Reply.of("").withEmbeds(embed)));
    }
    Guild guild = invocation.guild();
    if (guild == null
        || invocation.member() == null
        || !invocation.member().hasPermission(Permission.MANAGE_SERVER)) {
      throw new CommandException(
          "`"
              + invocation.prefix()
              + "cogworks status` is for the bot's owners, and for a server's admins (Manage"
              + " Server) about their own server.");
    }
    return CompletableFuture.supplyAsync(() -> thisServer(guild), io)
        .thenCompose(embed -> invocation.reply(Reply.of("").withEmbeds(embed)));
  }

  private Embed everything(CommandInvocation invocation) {
    var messaging = operations.messaging();
    boolean paused = operations.paused();
    String mode = messaging.mode().name().toLowerCase();
    Embed embed =
        Embed.of(
                "Cogworks status",
                "Messaging mode **" + mode + "**" + (paused ? " — **paused**" : ""))
            .withColor(paused ? YELLOW : GREEN);
    ShardManager shards = invocation.user().getJDA().getShardManager();
    if (shards != null) {
      long up =
          shards.getShards().stream().filter(s -> s.getStatus() == JDA.Status.CONNECTED).count();
      embed =
          embed.withField(
              "Shards",
              up
                  + " of "
                  + shards.getShards().size()
                  + " connected, ping "
                  + (long) shards.getAverageGatewayPing()
                  + " ms",
              true);
    }
    Optional<InProcessTransport> queue = messaging.transport(InProcessTransport.class);
    if (queue.isPresent()) {
      QueueStats s = queue.get().stats();
      var c = s.counters();
      embed =
          embed
              .withField("Queued", s.queued() + " (in flight " + s.inFlight() + ")", true)
              .withField(
                  "Since start",
                  c.completed()
                      + " delivered, "
                      + c.retried()
                      + " retried, "
                      + c.coalesced()
                      + " merged, "
                      + c.expired()
                      + " expired, "
                      + c.rejected()
                      + " refused",
                  false);
    }
    Optional<RelayTransport> relay = messaging.transport(RelayTransport.class);
    if (relay.isPresent()) {
      String workers = "";
      if (operations.gateway().isPresent()) {
        try {
          Instant now = Instant.now();
          List<EngineControl.WorkerLease> all = operations.gateway().get().control().workers();
          workers = ", " + all.stream().filter(w -> w.alive(now)).count() + " worker(s) alive";
        } catch (RuntimeException e) {
          workers = ", workers unknown (" + e.getMessage() + ")";
        }
      }
      embed =
          embed.withField(
              "Gateway",
              (relay.get().engineReachable() ? "engine reachable" : "**engine unreachable**")
                  + ", "
                  + relay.get().waiting()
                  + " waiting for an answer"
                  + workers,
              false);
    }
    BucketObserver buckets = messaging.buckets();
    embed =
        embed.withField(
            "Discord limits",
            buckets.sent().last(1)
                + " of "
                + globalLimit
                + " requests in the last second; "
                + buckets.rateLimited().last(RecentCounts.SECONDS)
                + " × 429 and "
                + buckets.invalidRequests().lastTenMinutes()
                + " of 10,000 invalid requests in 10 minutes",
            false);
    embed = embed.withField("Dead letters", Integer.toString(operations.deadLetterCount()), true);
    if (conversation.isPresent()) {
      var c = conversation.get().stats();
      embed =
          embed.withField(
              "Conversation queue",
              c.waiting()
                  + " waiting, "
                  + c.answering()
                  + " answering"
                  + (c.paused() ? " (paused)" : ""),
              true);
    }
    return embed;
  }

  private Embed thisServer(Guild guild) {
    var messaging = operations.messaging();
    int queued = 0;
    Optional<InProcessTransport> queue = messaging.transport(InProcessTransport.class);
    if (queue.isPresent()) {
      for (Map.Entry<Long, Integer> e : queue.get().snapshot().queuedByRoute().entrySet()) {
        if (guild.getGuildChannelById(e.getKey()) != null) {
          queued += e.getValue();
        }
      }
    }
    List<DeadLetter> letters =
        operations.deadLetters(Operations.ALL_LIMIT).stream()
            .filter(l -> guild.getGuildChannelById(l.routeKey()) != null)
            .toList();
    Embed embed =
        Embed.of(
                "Cogworks status — " + guild.getName(),
                "What waits and what failed in this server.")
            .withColor(GREEN)
            .withField(
                "Queued here",
                queue.isPresent() ? Integer.toString(queued) : "nothing is queued in this mode",
                true)
            .withField("Dead letters here", Integer.toString(letters.size()), true);
    if (!letters.isEmpty()) {
      embed =
          embed.withField(
              "Newest", describe(letters.subList(0, Math.min(LISTED, letters.size()))), false);
    }
    return embed;
  }

  private static String describe(List<DeadLetter> letters) {
    StringBuilder text = new StringBuilder();
    for (DeadLetter l : letters) {
      String error = l.error().length() > 80 ? l.error().substring(0, 79) + "…" : l.error();
      text.append("`#")
          .append(l.id())
          .append("` ")
          .append(l.action())
          .append(" in <#")
          .append(l.routeKey())
          .append("> — ")
          .append(error)
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Pausing answers first and then pauses, since the answer itself goes through the queue it is
   * about to hold; resuming resumes first.
   */
  private CompletionStage<?> act(CommandInvocation invocation, boolean pause) {
    Optional<String> cannot = operations.cannotPause();
    if (cannot.isPresent()) {
      return invocation.reply("Cannot " + (pause ? "pause" : "resume") + ": " + cannot.get() + ".");
    }
    if (pause) {
      return invocation
          .reply(
              "Paused: requests wait in the queue, in order, until `"
                  + invocation.prefix()
                  + "cogworks resume`.")
          .thenRunAsync(operations::pause, io);
    }
    return CompletableFuture.runAsync(operations::resume, io)
        .thenCompose(done -> invocation.reply("Resumed: what waited is on its way."));
  }

  private CompletionStage<?> list(CommandInvocation invocation) {
    return CompletableFuture.supplyAsync(
            () -> {
              int count = operations.deadLetterCount();
              if (count == 0) {
                return "No dead letters: every request reached Discord or is still on its way.";
              }
              List<DeadLetter> letters = operations.deadLetters(LISTED);
              return "**"
                  + count
                  + " dead letter(s)**"
                  + (count > LISTED ? ", the newest " + LISTED : "")
                  + ":\n"
                  + describe(letters)
                  + "`"
                  + invocation.prefix()
                  + "cogworks deadletters retry <id|all>` sends again; `discard` forgets.";
            },
            io)
        .thenCompose(invocation::reply);
  }

  private CompletionStage<?> retry(CommandInvocation invocation) {
    String which = which(invocation);
    long id = which.equals("all") ? 0 : id(which, invocation);
    return CompletableFuture.supplyAsync(
            () -> {
              if (which.equals("all")) {
                int n = operations.retryAll().size();
                return n == 0
                    ? "No dead letters to retry."
                    : "Sending " + n + " dead letter(s) again; any that fail again come back.";
              }
              return operations.retry(id).isEmpty()
                  ? "There is no dead letter #" + id + "."
                  : "Sending dead letter #" + id + " again.";
            },
            io)
        .thenCompose(invocation::reply);
  }

  private CompletionStage<?> discard(CommandInvocation invocation) {
    String which = which(invocation);
    long id = which.equals("all") ? 0 : id(which, invocation);
    return CompletableFuture.supplyAsync(
            () -> {
              if (which.equals("all")) {
                return "Discarded " + operations.discardAll() + " dead letter(s).";
              }
              return operations.discard(id)
                  ? "Discarded dead letter #" + id + "."
                  : "There is no dead letter #" + id + ".";
            },
            io)
        .thenCompose(invocation::reply);
  }

  private static String which(CommandInvocation invocation) {
    return invocation.string("which").orElse("").strip().toLowerCase();
  }

  private static long id(String which, CommandInvocation invocation) {
    try {
      return Long.parseLong(which.startsWith("#") ? which.substring(1) : which);
    } catch (NumberFormatException e) {
      throw new CommandException(
          "`"
              + which
              + "` is not a dead letter's id: give a number from `"
              + invocation.prefix()
              + "cogworks deadletters list`, or `all`.");
    }
  }
}
