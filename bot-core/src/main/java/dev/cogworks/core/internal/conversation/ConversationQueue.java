package dev.cogworks.core.internal.conversation;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.conversation.Admission.Reason;
import dev.cogworks.core.internal.conversation.Admission.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The conversation queue: one active request per person, a bounded queue with a share per server, a
 * cool-down and a daily quota, answered in order. Every request is committed to PostgreSQL before
 * its person is told it is queued, so a restart resumes it ({@link #restore}).
 *
 * <p>The rules are checked in memory under one lock (cheap: the queue holds at most {@code
 * max_queue_size} requests); the database insert happens outside it, on the caller's thread, so
 * many people can be admitted at once and PostgreSQL groups their commits.
 */
public final class ConversationQueue {
  /** Marks a person admitted whose request is being stored. */
  private static final long RESERVED = -1;

  private final CogworksConfig.Conversation config;
  private final ConversationStore store;
  private final ConversationMetrics metrics;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final TreeMap<Long, ConversationRequest> waiting = new TreeMap<>();
  private final Map<Long, ConversationRequest> answering = new HashMap<>();
  private final Map<Long, Long> activeByUser = new HashMap<>();
  private final Map<Long, Integer> perServer = new HashMap<>();
  private final Map<Long, Instant> finishedAt = new HashMap<>();
  private final Object pauseChanges = new Object();
  private int reserved;
  private boolean paused;
  private boolean closed;
  private volatile Runnable onChange = () -> {};
  private volatile java.util.function.Consumer<ConversationRequest> onGone = request -> {};

  public ConversationQueue(
      CogworksConfig.Conversation config,
      ConversationStore store,
      ConversationMetrics metrics,
      Clock clock) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    metrics.watch(this);
  }

  /** Called with a request found withdrawn through another process when its turn came. */
  public void onGone(java.util.function.Consumer<ConversationRequest> listener) {
    this.onGone = listener;
  }

  /** Called (on the changing thread) whenever positions may have changed. */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  /**
   * Loads what a previous run left in the servers of this process's {@code shards} (of {@code
   * total}): waiting requests continue in order; one that was being answered is retried once (it
   * goes first, as the oldest), then failed. Returns the ones failed now, for their people to be
   * told. Processes sharing one database never take each other's requests.
   */
  public List<ConversationRequest> restore(List<Integer> shards, int total) {
    List<ConversationRequest> failed = new ArrayList<>();
    paused = store.paused();
    for (ConversationRequest request : store.loadActive(shards, total)) {
      if (request.status() == RequestStatus.PROCESSING && request.attempts() >= 2) {
        if (store.finish(
            request,
            RequestStatus.FAILED,
            "interrupted twice by a restart",
            clock.instant(),
            null)) {
          failed.add(request.withStatus(RequestStatus.FAILED));
          metrics.ended(RequestStatus.FAILED);
        }
        continue;
      }
      if (request.status() == RequestStatus.PROCESSING) {
        store.requeue(request.id());
      }
      lock.lock();
      try {
        ConversationRequest queued = request.withStatus(RequestStatus.QUEUED);
        waiting.put(queued.id(), queued);
        activeByUser.put(queued.userId(), queued.id());
        perServer.merge(queued.guildId(), 1, Integer::sum);
        work.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return failed;
  }

  /** Admits a request or says why not. Blocks while the request is committed. */
  public Admission submit(NewRequest asked) {
    Instant now = clock.instant();
    // Read before the lock: the person may have been answered by another process of this bot (a
    // server on another shard), which this one's memory does not know.
    Instant answeredElsewhere =
        config.userCooldown().compareTo(Duration.ZERO) > 0
            ? store.lastFinished(asked.userId()).orElse(null)
            : null;
    lock.lock();
    try {
      if (closed) {
        return Refused.of(Reason.CLOSED);
      }
      Long active = activeByUser.get(asked.userId());
      if (active != null) {
        ConversationRequest current =
            active == RESERVED
                ? null
                : waiting.containsKey(active) ? waiting.get(active) : answering.get(active);
        return new Refused(Reason.ALREADY_ACTIVE, Optional.ofNullable(current), Duration.ZERO);
      }
      Instant last = latest(finishedAt.get(asked.userId()), answeredElsewhere);
      if (last != null && config.userCooldown().compareTo(Duration.ZERO) > 0) {
        Duration left = Duration.between(now, last.plus(config.userCooldown()));
        if (left.compareTo(Duration.ZERO) > 0) {
          return new Refused(Reason.COOLDOWN, Optional.empty(), left);
        }
        finishedAt.remove(asked.userId());
      }
      if (waiting.size() + answering.size() + reserved >= config.maxQueueSize()) {
        return Refused.of(Reason.QUEUE_FULL);
      }
      if (perServer.getOrDefault(asked.guildId(), 0) >= config.perServerLimit()) {
        return Refused.of(Reason.SERVER_SHARE);
      }
      activeByUser.put(asked.userId(), RESERVED);
      perServer.merge(asked.guildId(), 1, Integer::sum);
      reserved++;
    } finally {
      lock.unlock();
    }
    long id;
    try {
      if (config.dailyQuota() > 0
          && store.countOn(asked.userId(), LocalDate.ofInstant(now, ZoneOffset.UTC))
              >= config.dailyQuota()) {
        release(asked);
        return new Refused(Reason.QUOTA, Optional.empty(), untilTomorrow(now));
      }
      id =
          store.insert(
              asked.userId(),
              asked.guildId(),
              asked.channelId(),
              asked.originMessageId(),
              asked.message(),
              now);
    } catch (ConversationStore.AlreadyActive e) {
      // Another process of this bot took one for the same person a moment ago.
      release(asked);
      return Refused.of(Reason.ALREADY_ACTIVE);
    } catch (RuntimeException e) {
      release(asked);
      throw e;
    }
    ConversationRequest request =
        new ConversationRequest(
            id,
            asked.userId(),
            asked.guildId(),
            asked.channelId(),
            asked.originMessageId(),
            asked.message(),
            now,
            RequestStatus.QUEUED,
            0,
            0);
    int position;
    int total;
    lock.lock();
    try {
      reserved--;
      waiting.put(id, request);
      activeByUser.put(asked.userId(), id);
      position = waiting.headMap(id).size() + 1;
      total = waiting.size();
      work.signal();
    } finally {
      lock.unlock();
    }
    metrics.accepted();
    onChange.run();
    return new Admission.Accepted(request, position, total);
  }

  private void release(NewRequest asked) {
    lock.lock();
    try {
      reserved--;
      activeByUser.remove(asked.userId());
      perServer.computeIfPresent(asked.guildId(), (g, n) -> n > 1 ? n - 1 : null);
    } finally {
      lock.unlock();
    }
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static Duration untilTomorrow(Instant now) {
    LocalDate tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
    return Duration.between(now, tomorrow.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /**
   * The oldest waiting request, now being answered; waits up to {@code timeout} for one (and while
   * paused). Empty when none came, the queue closed, or the one whose turn it was had been
   * withdrawn through another process meanwhile.
   */
  public Optional<ConversationRequest> take(Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    ConversationRequest original;
    ConversationRequest next;
    lock.lock();
    try {
      while (!closed && (paused || waiting.isEmpty())) {
        if (left <= 0) {
          return Optional.empty();
        }
        left = work.awaitNanos(left);
      }
      if (closed) {
        return Optional.empty();
      }
      original = waiting.pollFirstEntry().getValue();
      next = original.startedAgain();
      answering.put(next.id(), next);
    } finally {
      lock.unlock();
    }
    Instant now = clock.instant();
    try {
      if (!store.markProcessing(next.id(), now)) {
        // Withdrawn through another process (its person's data deleted there), or ended here
        // meanwhile (a cancel, which told its person): not answered.
        boolean untold;
        lock.lock();
        try {
          untold = answering.remove(next.id()) != null;
          if (untold) {
            activeByUser.remove(next.userId(), next.id());
            perServer.computeIfPresent(next.guildId(), (g, n) -> n > 1 ? n - 1 : null);
          }
        } finally {
          lock.unlock();
        }
        if (untold) {
          onGone.accept(next);
        }
        onChange.run();
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      // The database is away: the request goes back to its place, to be taken again.
      lock.lock();
      try {
        answering.remove(next.id());
        waiting.put(original.id(), original);
      } finally {
        lock.unlock();
      }
      throw e;
    }
    metrics.waited(Duration.between(next.createdAt(), now));
    onChange.run();
    return Optional.of(next);
  }

  /**
   * Ends an active request ({@code COMPLETED}, {@code FAILED}, {@code EXPIRED} or {@code
   * CANCELLED}); false when it had ended already, so only one ending is told.
   */
  public boolean finish(ConversationRequest request, RequestStatus status, String outcome) {
    return end(request, status, outcome, null);
  }

  /**
   * Ends a request answered with {@code answer}: the answer and the question join the person's
   * conversation in the same transaction as the request's end, so a crash keeps both or neither.
   */
  public boolean complete(ConversationRequest request, String answer) {
    return end(request, RequestStatus.COMPLETED, "answered", answer);
  }

  private boolean end(
      ConversationRequest request, RequestStatus status, String outcome, String answer) {
    Instant now = clock.instant();
    boolean ended = store.finish(request, status, outcome, now, answer);
    boolean wasWaiting;
    lock.lock();
    try {
      wasWaiting = waiting.remove(request.id()) != null;
      boolean wasAnswering = answering.remove(request.id()) != null;
      if (wasWaiting || wasAnswering) {
        activeByUser.remove(request.userId(), request.id());
        perServer.computeIfPresent(request.guildId(), (g, n) -> n > 1 ? n - 1 : null);
      }
      if (status == RequestStatus.COMPLETED || status == RequestStatus.FAILED) {
        finishedAt.put(request.userId(), now);
      }
    } finally {
      lock.unlock();
    }
    if (ended) {
      metrics.ended(status);
      if (!wasWaiting && request.status() == RequestStatus.PROCESSING) {
        metrics.answered(Duration.between(request.createdAt(), now));
      }
    }
    onChange.run();
    return ended;
  }

  /** The person's active request, waiting or being answered. */
  public Optional<ConversationRequest> activeOf(long userId) {
    lock.lock();
    try {
      Long id = activeByUser.get(userId);
      if (id == null || id == RESERVED) {
        return Optional.empty();
      }
      return Optional.ofNullable(waiting.containsKey(id) ? waiting.get(id) : answering.get(id));
    } finally {
      lock.unlock();
    }
  }

  /** Waiting requests older than {@code conversation.queue_timeout}, taken out of the queue. */
  public List<ConversationRequest> expired() {
    Instant deadline = clock.instant().minus(config.queueTimeout());
    List<ConversationRequest> old = new ArrayList<>();
    lock.lock();
    try {
      for (ConversationRequest request : waiting.values()) {
        if (request.createdAt().isBefore(deadline)) {
          old.add(request);
        }
      }
    } finally {
      lock.unlock();
    }
    List<ConversationRequest> ended = new ArrayList<>();
    for (ConversationRequest request : old) {
      if (finish(request, RequestStatus.EXPIRED, "waited longer than conversation.queue_timeout")) {
        ended.add(request);
      }
    }
    return ended;
  }

  /** Remembers a status message's id, in memory and in the database. */
  public ConversationRequest statusMessageSent(ConversationRequest request, long messageId) {
    store.setStatusMessage(request.id(), messageId);
    lock.lock();
    try {
      waiting.computeIfPresent(request.id(), (id, r) -> r.withStatusMessage(messageId));
      answering.computeIfPresent(request.id(), (id, r) -> r.withStatusMessage(messageId));
    } finally {
      lock.unlock();
    }
    return request.withStatusMessage(messageId);
  }

  /** The waiting requests in order (position = index + 1), and those being answered. */
  public Snapshot snapshot() {
    lock.lock();
    try {
      return new Snapshot(
          List.copyOf(waiting.values()), List.copyOf(answering.values()), paused, closed);
    } finally {
      lock.unlock();
    }
  }

  /** What the queue holds at one moment. */
  public record Snapshot(
      List<ConversationRequest> waiting,
      List<ConversationRequest> answering,
      boolean paused,
      boolean closed) {
    public int size() {
      return waiting.size() + answering.size();
    }

    /** 1-based; 0 when the request is not waiting. */
    public int positionOf(long requestId) {
      for (int i = 0; i < waiting.size(); i++) {
        if (waiting.get(i).id() == requestId) {
          return i + 1;
        }
      }
      return 0;
    }
  }

  /**
   * Takes up a pause or a resumption made through another process of this bot (they share the flag
   * in the database); what the sweep calls. True when it changed here.
   */
  public boolean followPause() {
    // One pause change at a time with setPaused: a value read here before an owner's pause was
    // written must not be applied after it (the pause would be undone here until the next read).
    synchronized (pauseChanges) {
      boolean stored = store.paused();
      lock.lock();
      try {
        if (stored == paused) {
          return false;
        }
        paused = stored;
        work.signalAll();
      } finally {
        lock.unlock();
      }
    }
    onChange.run();
    return true;
  }

  /** Stops or restarts answering for the whole bot; requests are still taken while paused. */
  public void setPaused(boolean paused) {
    synchronized (pauseChanges) {
      store.setPaused(paused);
      lock.lock();
      try {
        this.paused = paused;
        work.signalAll();
      } finally {
        lock.unlock();
      }
    }
    onChange.run();
  }

  public boolean paused() {
    lock.lock();
    try {
      return paused;
    } finally {
      lock.unlock();
    }
  }

  /** Takes no more requests and wakes the workers; what waits stays stored for the next start. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return config.maxQueueSize();
  }
}
