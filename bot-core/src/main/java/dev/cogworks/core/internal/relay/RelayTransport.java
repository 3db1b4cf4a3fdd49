package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.FailureSink;
import dev.cogworks.core.internal.messaging.MovedRequest;
import dev.cogworks.core.internal.messaging.QueueBound;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import dev.cogworks.core.internal.messaging.Transport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code messaging.mode = external_gateway}, the bot's side of the relay: each request gets a fresh
 * id and a deadline, and goes to the engine through one publisher thread (so a channel's requests
 * reach it in submission order, batched when they come in bursts); the answer comes back on this
 * bot instance's own response queue. A new instance id per start means answers to a previous run
 * are never mistaken for this one's; they expire in the engine.
 *
 * <p>Edits of one message merge, as in the in-process queue: within a batch into the first, and
 * into the message's latest edit already in the engine while no worker has started it ({@link
 * Outgoing}, {@link PublishedEdits}); the merged edits' callers get the answer of the edit they
 * went into.
 *
 * <p>With {@code acknowledge = engine} (the default) {@code submit} returns once the engine holds
 * the request: callers submitting at the same moment share the publisher's next write and each
 * waits for it, so a crash of the bot loses nothing it accepted. On a Redis Cluster "holds" means a
 * replica of the master has it too ({@code redis.wait_replicas}, a {@code WAIT} after the write),
 * so a master's failover loses nothing accepted either; a replica slower than {@code
 * redis.wait_timeout} lets the send be accepted as held by the master alone (counted in {@code
 * cogworks.gateway.unreplicated}): the master has it, and refusing it would only publish it twice.
 * While the queue is paused or the engine unreachable, requests wait in memory instead and {@code
 * submit} returns at once.
 *
 * <p>Futures complete on the engine's listener thread; {@code MessagingService} hands them to the
 * cog executor, so nothing a cog does can stall the delivery of other answers.
 */
public final class RelayTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(RelayTransport.class);
  private static final int BATCH = 500;
  // The longest a submission waits for the engine to hold it (acknowledge = engine); past it the
  // request waits in memory like any unpublished one. A healthy engine takes milliseconds.
  private static final long ACKNOWLEDGE_WAIT_MS = 5000;

  private final RelayClient client;
  private final CogworksConfig.Relay config;
  private final QueueBound bound;
  private final Clock clock;
  private final FailureSink failures;
  private final String instance;
  private final Map<String, PendingAnswer> pending = new ConcurrentHashMap<>();

  private final PublishedEdits edits;
  private final LinkedBlockingDeque<WireRequest> outbox = new LinkedBlockingDeque<>();
  // Ids not yet handed to the engine: those in the outbox and those in the batch the publisher is
  // trying to hand over. Both bounds count these, not the outbox alone, since during an outage the
  // publisher holds its batch for as long as the engine's connect timeout.
  private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
  private final AtomicLong lateAnswers = new AtomicLong();
  // The ids of the batch the publisher is handing over, merged edits included: an edit merged into
  // another is out of `unpublished` before the one it went into reaches the engine.
  private volatile Set<String> publishing = Set.of();
  // Submitters waiting for the engine to hold their request wait on this; every change wakes them.
  private final Object engineHolds = new Object();
  private final AtomicLong slowAcknowledgements = new AtomicLong();
  private final ScheduledThreadPoolExecutor timers =
      new ScheduledThreadPoolExecutor(1, DaemonThreads.named("gateway-timers"));
  private final Thread publisher;
  private volatile List<WireRequest> held = List.of();
  private volatile boolean closed;
  private volatile boolean paused;
  // Set by handOver: nothing more is taken or published; what the engine has is left to run.
  private volatile boolean retiring;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  public RelayTransport(
      RelayClient client, CogworksConfig.Relay config, Clock clock, FailureSink failures) {
    this.client = client;
    this.config = config;
    this.bound = new QueueBound(config.maxUnpublished());
    this.clock = clock;
    this.failures = failures;
    this.edits = new PublishedEdits(pending, unpublished);
    // An answered request cancels its timeout; the timer must not keep it and its caller.
    timers.setRemoveOnCancelPolicy(true);
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    this.instance = "bot_" + HexFormat.of().formatHex(bytes);
    client.listen(instance, this::answered);
    publisher = DaemonThreads.named("gateway-publisher").newThread(this::publishLoop);
    publisher.start();
    long expiry = Math.max(1000, Math.min(30_000, config.responseTtl().toMillis()));
    timers.scheduleWithFixedDelay(this::expireAnswers, expiry, expiry, TimeUnit.MILLISECONDS);
    log.info("External gateway: this bot instance is {}", instance);
  }

  /** This run's address for answers. */
  public String instance() {
    return instance;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    if (closed || retiring) {
      return CompletableFuture.failedFuture(new IllegalStateException("the bot is stopping"));
    }
    Instant now = clock.instant();
    WireRequest wire = WireRequest.create(request, now, config.requestTimeout(), instance);
    PendingAnswer waiting = new PendingAnswer(request, now);
    synchronized (unpublished) {
      // One lock so that concurrent submitters cannot all pass a bound's check at once.
      if (!client.reachable() && unpublished.size() >= config.outageBuffer()) {
        return CompletableFuture.failedFuture(unreachable());
      }
      if (!bound.admits(unpublished.size(), request.priority())) {
        return CompletableFuture.failedFuture(
            new QueueFullException(
                "the external gateway's "
                    + config.queueType().name().toLowerCase()
                    + " takes requests slower than they come ("
                    + config.maxUnpublished()
                    + " wait to be published); try again shortly"));
      }
      unpublished.add(wire.requestId());
    }
    pending.put(wire.requestId(), waiting);
    waiting.timeout =
        timers.schedule(
            () -> timedOut(wire.requestId()),
            config.requestTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    outbox.add(wire);
    if (retiring && outbox.remove(wire)) {
      // Raced with handOver, which did not see it: refused like any late submission.
      fail(wire.requestId(), new IllegalStateException("the messaging mode is switching"));
    }
    if (config.acknowledge() == CogworksConfig.Acknowledge.ENGINE) {
      awaitEngine(wire.requestId(), waiting);
    }
    return (CompletableFuture<R>) waiting.future;
  }

  /**
   * Returns once the engine holds the request, or it was settled (merged, failed, timed out), or it
   * is to wait in memory: the queue is paused, the engine unreachable, the transport stopping or
   * handing over, or {@link #ACKNOWLEDGE_WAIT_MS} passed.
   */
  private void awaitEngine(String id, PendingAnswer waiting) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACKNOWLEDGE_WAIT_MS);
    synchronized (engineHolds) {
      while ((unpublished.contains(id) || publishing.contains(id))
          && !waiting.future.isDone()
          && !paused
          && !closed
          && !retiring
          && client.reachable()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          slowAcknowledgements.incrementAndGet();
          return;
        }
        try {
          // Woken after every batch; the bound only covers a wake-up that raced the check.
          engineHolds.wait(Math.min(left, 50));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void wakeSubmitters() {
    synchronized (engineHolds) {
      engineHolds.notifyAll();
    }
  }

  private RelayException unreachable() {
    return new RelayException(
        "the external gateway's "
            + config.queueType().name().toLowerCase()
            + " is unreachable; the request was not queued"
            + (config.outageBuffer() > 0
                ? " (" + config.outageBuffer() + " already wait for it to return)"
                : ""));
  }

  private void publishLoop() {
    long backoff = 100;
    while (!retiring && (!closed || !outbox.isEmpty())) {
      if (paused) {
        if (closed) {
          return; // what waits is kept for the next start
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      List<WireRequest> batch = new ArrayList<>();
      List<Outgoing> outgoing = List.of();
      try {
        WireRequest first = outbox.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        if (paused) {
          outbox.addFirst(first); // paused while waiting for it
          continue;
        }
        batch.add(first);
        outbox.drainTo(batch, BATCH - 1);
        publishing = ids(batch);
        batch = edits.mergeWithin(batch);
        held = batch;
        outgoing = edits.offer(batch);
        Set<String> replaced = client.publishMerging(outgoing);
        held = List.of();
        batch.forEach(w -> unpublished.remove(w.requestId()));
        edits.published(outgoing, replaced);
        publishing = Set.of();
        wakeSubmitters();
        backoff = 100;
      } catch (InterruptedException e) {
        requeue(batch);
        return;
      } catch (RuntimeException unexpected) {
        // A bug here must not stop publishing for good (every later send would wait and time
        // out): the batch is handled like one the engine did not take.
        RelayException e =
            unexpected instanceof RelayException relay
                ? relay
                : new RelayException("publishing failed: " + unexpected, unexpected);
        if (!(unexpected instanceof RelayException)) {
          log.error("The gateway publisher failed; its batch is retried or failed", unexpected);
        }
        if (e instanceof PartlyPublished partly) {
          batch = settleKept(batch, outgoing, partly);
        }
        held = List.of();
        publishing = Set.of();
        wakeSubmitters(); // they see the engine unreachable: their requests wait in memory
        if (config.outageBuffer() == 0) {
          batch.forEach(w -> fail(w.requestId(), e));
          List<WireRequest> rest = new ArrayList<>();
          outbox.drainTo(rest);
          rest.forEach(w -> fail(w.requestId(), e));
        } else {
          requeue(batch);
          log.warn(
              "External gateway unreachable; {} request(s) wait for it ({})",
              outbox.size(),
              e.getMessage());
          if (closed) {
            return; // stopping: what waits is kept for the next start
          }
          try {
            Thread.sleep(backoff);
          } catch (InterruptedException interrupted) {
            return;
          }
          backoff = Math.min(backoff * 2, 2000);
        }
      }
    }
  }

  /**
   * What the engine kept of a batch it took in part counts as published; returns the rest, which is
   * then failed or kept for a retry like a batch the engine did not take (a channel's requests all
   * lie in one partition, which is kept all or none, so a retry keeps their order).
   */
  private List<WireRequest> settleKept(
      List<WireRequest> batch, List<Outgoing> outgoing, PartlyPublished partly) {
    List<Outgoing> kept = new ArrayList<>();
    for (Outgoing o : outgoing) {
      if (partly.kept().contains(o.request().requestId())) {
        kept.add(o);
        unpublished.remove(o.request().requestId());
      }
    }
    edits.published(kept, partly.replaced());
    List<WireRequest> rest = new ArrayList<>();
    for (WireRequest w : batch) {
      if (!partly.kept().contains(w.requestId())) {
        rest.add(w);
      }
    }
    log.warn(
        "The external gateway's engine kept {} of {} request(s); the rest wait or fail: {}",
        kept.size(),
        batch.size(),
        partly.getMessage());
    return rest;
  }

  private static Set<String> ids(List<WireRequest> batch) {
    Set<String> ids = new java.util.HashSet<>(batch.size() * 2);
    batch.forEach(w -> ids.add(w.requestId()));
    return ids;
  }

  /** Puts an unsent batch back in front, in its order, dropping those whose caller gave up. */
  private void requeue(List<WireRequest> batch) {
    held = List.of();
    publishing = Set.of();
    for (int i = batch.size() - 1; i >= 0; i--) {
      String id = batch.get(i).requestId();
      if (pending.containsKey(id)) {
        outbox.addFirst(batch.get(i));
      } else {
        unpublished.remove(id);
      }
    }
  }

  private void fail(String requestId, Throwable error) {
    unpublished.remove(requestId);
    PendingAnswer p = pending.remove(requestId);
    if (p != null) {
      p.timeout.cancel(false);
      p.future.completeExceptionally(error);
    }
  }

  private void answered(WireResponse answer) {
    PendingAnswer p = pending.remove(answer.requestId());
    if (p == null) {
      // It timed out here already, or belongs to a request this run never made.
      lateAnswers.incrementAndGet();
      log.debug("Late answer for request {} ignored", answer.requestId());
      return;
    }
    p.timeout.cancel(false);
    if (answer.success()) {
      try {
        p.future.complete(answer.result(p.request));
      } catch (RuntimeException e) {
        p.future.completeExceptionally(e);
      }
    } else {
      Throwable error = answer.failure();
      log.warn(
          "Request {} on {} failed in gateway worker {} after {} attempt(s): {}",
          p.request.action(),
          p.request.routeKey(),
          answer.worker(),
          answer.attempts(),
          error.getMessage());
      failures.failed(p.request, error, answer.attempts(), p.at);
      p.future.completeExceptionally(error);
    }
  }

  private void timedOut(String requestId) {
    PendingAnswer p = pending.remove(requestId);
    if (p == null) {
      return;
    }
    outbox.removeIf(w -> w.requestId().equals(requestId));
    unpublished.remove(requestId);
    RequestTimeoutException timeout =
        new RequestTimeoutException(
            p.request.action()
                + " on "
                + p.request.routeKey()
                + ": no answer from a gateway worker within "
                + config.requestTimeout()
                + " (are workers running? `java -jar bot.jar gateway`)");
    log.warn("{}", timeout.getMessage());
    failures.failed(p.request, timeout, 0, p.at);
    p.future.completeExceptionally(timeout);
  }

  private void expireAnswers() {
    int expired = client.expireAnswers();
    if (expired > 0) {
      log.info(
          "Deleted {} uncollected gateway answer(s) older than {}", expired, config.responseTtl());
    }
  }

  /**
   * The bot's side of the relay in {@code cogworks.gateway.*} (the user-facing name), read from
   * whichever relay transport {@code current} gives now (none: zeros), so that a live mode switch
   * needs no new meters. {@code owner} holds the supplier's state (meters keep it weakly).
   */
  public static void bindTo(
      MeterRegistry registry,
      Object owner,
      java.util.function.Supplier<java.util.Optional<RelayTransport>> current) {
    Gauge.builder(
            "cogworks.gateway.waiting",
            owner,
            o -> current.get().map(RelayTransport::waiting).orElse(0))
        .description("Requests handed to the gateway workers and not answered yet")
        .register(registry);
    FunctionCounter.builder(
            "cogworks.gateway.late.answers",
            owner,
            o -> current.get().map(RelayTransport::lateAnswers).orElse(0L))
        .description("Answers that came after their request had timed out here")
        .register(registry);
    FunctionCounter.builder(
            "cogworks.gateway.slow.acknowledgements",
            owner,
            o -> current.get().map(RelayTransport::slowAcknowledgements).orElse(0L))
        .description(
            "Sends accepted before the engine held them, because it took longer than 5s to")
        .register(registry);
    FunctionCounter.builder(
            "cogworks.gateway.unreplicated",
            owner,
            o -> current.get().map(RelayTransport::unreplicated).orElse(0L))
        .description(
            "Sends accepted although no replica held them within redis.wait_timeout (Redis"
                + " Cluster)")
        .register(registry);
    FunctionCounter.builder(
            "cogworks.gateway.merged.edits",
            owner,
            o -> current.get().map(RelayTransport::mergedEdits).orElse(0L))
        .description("Edits merged into a waiting edit of the same message instead of sent")
        .register(registry);
  }

  /** Sends accepted although fewer replicas than asked held them in time (Redis Cluster). */
  public long unreplicated() {
    return client.unreplicated();
  }

  /** Edits merged into a waiting edit of the same message instead of sent on their own. */
  public long mergedEdits() {
    return edits.merged();
  }

  /**
   * Holds requests here instead of publishing them (they wait in order, within {@code
   * max_unpublished}) until {@link #resume}; what the engine already has is the workers' to hold.
   */
  public void pause() {
    paused = true;
    wakeSubmitters();
  }

  public void resume() {
    paused = false;
  }

  @Override
  public boolean paused() {
    return paused;
  }

  /**
   * Submissions that returned before the engine held them because it took longer than {@link
   * #ACKNOWLEDGE_WAIT_MS} (with {@code acknowledge = engine}).
   */
  public long slowAcknowledgements() {
    return slowAcknowledgements.get();
  }

  /** Answers that came after their request had timed out here. */
  public long lateAnswers() {
    return lateAnswers.get();
  }

  /** Whether the engine answered the last attempt to reach it. */
  public boolean engineReachable() {
    return client.reachable();
  }

  /** Requests not yet handed to the engine. */
  public int queuedLocally() {
    return unpublished.size();
  }

  /** Requests waiting for an answer. */
  public int waiting() {
    return pending.size();
  }

  /**
   * Stops taking and publishing requests and hands over those not yet in the engine, with their
   * callers' futures, in submission order. What the engine already has is durable and its workers
   * run it: {@link #drained} completes once every one of those is answered (or timed out), and
   * answers keep arriving here until then.
   */
  @Override
  public List<MovedRequest> handOver() {
    retiring = true;
    wakeSubmitters();
    join(
        config.requestTimeout().compareTo(Duration.ofSeconds(5)) < 0
            ? config.requestTimeout()
            : Duration.ofSeconds(5));
    if (publisher.isAlive()) {
      // Stuck handing a batch to an unreachable engine: the interrupt makes it put the batch back.
      publisher.interrupt();
      join(Duration.ofSeconds(5));
    }
    List<WireRequest> left = new ArrayList<>(held);
    outbox.drainTo(left);
    List<MovedRequest> moved = new ArrayList<>();
    for (WireRequest w : left) {
      unpublished.remove(w.requestId());
      PendingAnswer p = pending.remove(w.requestId());
      if (p != null) {
        p.timeout.cancel(false);
        moved.add(new MovedRequest(p.request, p.future));
      }
    }
    timers.scheduleWithFixedDelay(
        () -> {
          if (pending.isEmpty()) {
            drained.complete(null);
          }
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
    return moved;
  }

  @Override
  public CompletableFuture<Void> drained() {
    return drained;
  }

  /**
   * Publishes what it still holds, up to {@code deadline}; what could not be published, including a
   * batch the publisher was still trying to hand over, is returned to be kept for the next start.
   * Requests already in the engine run regardless; their callers are told so.
   */
  @Override
  public List<DiscordRequest<?>> close(Duration deadline) {
    closed = true;
    wakeSubmitters();
    join(deadline);
    if (publisher.isAlive()) {
      // Stuck handing a batch to an unreachable engine: the interrupt makes it put the batch back.
      publisher.interrupt();
      join(Duration.ofSeconds(5));
    }
    List<WireRequest> left = new ArrayList<>(held); // only if the publisher never returned
    outbox.drainTo(left);
    List<DiscordRequest<?>> unsent = new ArrayList<>();
    for (WireRequest w : left) {
      unpublished.remove(w.requestId());
      PendingAnswer p = pending.remove(w.requestId());
      if (p != null) {
        p.timeout.cancel(false);
        unsent.add(p.request);
        p.future.completeExceptionally(
            new RequestTimeoutException(
                "not sent before the bot stopped; kept and sent after the next start"));
      }
    }
    pending.forEach(
        (id, p) ->
            p.future.completeExceptionally(
                new IllegalStateException(
                    "the bot is stopping; the gateway will still carry the request out")));
    pending.clear();
    timers.shutdownNow();
    client.close();
    return unsent;
  }

  private void join(Duration wait) {
    try {
      publisher.join(Math.max(1, wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
