package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.messaging.json.RequestJson;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters on a thread of its own. Final failures are reported on threads that must
 * never wait for a database (the in-process dispatcher, JDA's callbacks, the relay's listener), so
 * {@link #offer} only queues: a bounded queue, written in batches. When PostgreSQL is slow or away
 * and the queue is full, a letter is dropped with a count and an error line rather than stalling
 * every channel; a batch that fails is tried again until the queue has no room for it.
 */
final class DeadLetterWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
  private static final int BATCH = 100;

  /** One letter waiting to be written, under the shard of its request's guild. */
  record Letter(
      DiscordRequest<?> request, String error, int attempts, Instant firstAttemptAt, int shard) {}

  private final Jdbi jdbi;
  private final BlockingQueue<Letter> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  DeadLetterWriter(Jdbi jdbi, int capacity) {
    this.jdbi = jdbi;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = DaemonThreads.named("cogworks-dead-letters").newThread(this::writeLoop);
    thread.start();
  }

  /** Queues a letter; never blocks. False (and counted) when the queue is full or closed. */
  boolean offer(Letter letter) {
    if (closed && !thread.isAlive()) {
      dropped.incrementAndGet();
      log.error(
          "Dead letter for {} on {} after the stop, not stored: {}",
          letter.request().action(),
          letter.request().routeKey(),
          letter.error());
      return false;
    }
    if (queue.offer(letter)) {
      return true;
    }
    long count = dropped.incrementAndGet();
    log.error(
        "Dead letter for {} on {} dropped: {} wait to be written (is PostgreSQL reachable?);"
            + " {} dropped so far",
        letter.request().action(),
        letter.request().routeKey(),
        queue.size(),
        count);
    return false;
  }

  /** Letters dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  /** Letters waiting to be written. */
  int pending() {
    return queue.size();
  }

  private void writeLoop() {
    long backoff = 100;
    List<Letter> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Letter first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
        }
        write(batch);
        batch.clear();
        backoff = 100;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Cannot write {} dead letter(s) yet: {}", batch.size(), e.getMessage());
        if (closed) {
          return;
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private void write(List<Letter> batch) {
    jdbi.useTransaction(
        h -> {
          var insert =
              h.prepareBatch(
                  "INSERT INTO core_dead_letters (action, route_key, request, error, attempts,"
                      + " first_attempt_at, shard) VALUES (:action, :route, CAST(:request AS"
                      + " jsonb), :error, :attempts, :first, :shard)");
          for (Letter letter : batch) {
            insert
                .bind("action", letter.request().action())
                .bind("route", letter.request().routeKey())
                .bind("request", RequestJson.encode(letter.request()))
                .bind("error", letter.error())
                .bind("attempts", letter.attempts())
                .bind(
                    "first",
                    letter.firstAttemptAt() == null
                        ? null
                        : Timestamp.from(letter.firstAttemptAt()))
                .bind("shard", letter.shard())
                .add();
          }
          insert.execute();
        });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes what is queued, for up to {@code deadline}; what is left then is logged as lost. */
  void close(Duration deadline) {
    closed = true;
    try {
      thread.join(Math.max(1, deadline.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
    if (!queue.isEmpty()) {
      log.error("{} dead letter(s) could not be written before the stop", queue.size());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
