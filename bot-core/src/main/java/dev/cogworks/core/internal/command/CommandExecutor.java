package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.db.DatabaseErrors;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs command and component handlers off JDA's event threads and keeps count of those in flight,
 * so shutdown can stop taking them and wait for the running ones. A {@link CommandException}
 * becomes an (ephemeral, for interactions) reply; any other failure is logged and the user told,
 * never left in silence.
 *
 * <p>Two pools: the cog executor runs handlers and completes the futures cogs get; it is a
 * fork-join pool, so a handler that does join a future gets a compensating thread instead of
 * stalling the others. Blocking work (JDBC, files) goes to the bounded I/O pool, which refuses work
 * once its queue is full rather than letting it pile up.
 */
public final class CommandExecutor {
  private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);
  private static final int IO_QUEUE_PER_THREAD = 100;

  /** What the user is told when the bot stops taking commands and clicks. */
  static final String SHUTTING_DOWN = "The bot is shutting down; try again in a moment.";

  private final ForkJoinPool pool =
      new ForkJoinPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          pool -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("cogworks-cog-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
          },
          (thread, failure) -> log.error("Uncaught failure on {}", thread.getName(), failure),
          true);
  private final ThreadPoolExecutor io;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private boolean accepting = true;

  public CommandExecutor(int ioThreads) {
    this.io =
        new ThreadPoolExecutor(
            ioThreads,
            ioThreads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(ioThreads * IO_QUEUE_PER_THREAD),
            DaemonThreads.numbered("cogworks-io"),
            new ThreadPoolExecutor.AbortPolicy());
    io.allowCoreThreadTimeOut(true);
  }

  public boolean accepting() {
    synchronized (idle) {
      return accepting;
    }
  }

  /** The cog executor: handlers, and every future cogs get. */
  public ExecutorService pool() {
    return pool;
  }

  /** The bounded pool for cogs' blocking work. */
  public ExecutorService io() {
    return io;
  }

  /** A handler bound to its invocation, started on the cog executor. */
  @FunctionalInterface
  interface Work {
    CompletionStage<?> start() throws Exception;
  }

  /**
   * Runs the work; {@code onSilence} runs when it succeeded (a slash command answers there if it
   * had not). False when the bot is shutting down: nothing was started.
   */
  boolean run(Work work, Answerable target, Runnable onSilence) {
    synchronized (idle) {
      if (!accepting) {
        return false;
      }
      inFlight.incrementAndGet();
    }
    try {
      CompletableFuture.supplyAsync(() -> start(work), pool)
          .thenCompose(stage -> stage)
          .handle(
              (result, failure) -> {
                if (failure == null) {
                  onSilence.run();
                } else {
                  answerFailure(target, unwrap(failure));
                }
                return (Void) null;
              })
          .whenComplete((ignored, e) -> finished());
      return true;
    } catch (RejectedExecutionException e) {
      finished();
      return false;
    }
  }

  private static CompletionStage<?> start(Work work) {
    try {
      CompletionStage<?> stage = work.start();
      return stage == null ? CompletableFuture.completedFuture(null) : stage;
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void answerFailure(Answerable target, Throwable failure) {
    if (failure instanceof CommandException) {
      target.refuse(failure.getMessage());
      return;
    }
    if (failure instanceof QueueFullException) {
      target.refuse("The bot is busy right now (its message queue is full). Try again shortly.");
      return;
    }
    if (failure instanceof RejectedExecutionException) {
      target.refuse("The bot is busy right now (too much work waits). Try again shortly.");
      return;
    }
    if (DatabaseErrors.unreachable(failure)) {
      // An outage, not a bug: one line in the log, and the user learns it is worth trying later.
      log.warn(
          "Failed {} for user {}: the database is unreachable ({})",
          target.action(),
          target.user().getId(),
          failure.toString());
      target.refuse(
          "I can't reach my database right now, so I can't do that. Try again in a minute.");
      return;
    }
    log.error(
        "Failed {} for user {} in channel {}",
        target.action(),
        target.user().getId(),
        target.channel().getId(),
        failure);
    target.refuse("Something went wrong " + target.action() + ". It has been logged.");
  }

  private static Throwable unwrap(Throwable failure) {
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  private void finished() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /**
   * Stops taking commands and waits up to {@code deadline} for those running; true if all ended.
   */
  public boolean drain(Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (idle) {
      accepting = false;
      while (inFlight.get() > 0) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    int left = inFlight.get();
    if (left > 0) {
      log.warn("{} command(s) still running after the shutdown deadline of {}", left, deadline);
    }
    return left == 0;
  }

  /** Stops both pools; after the messaging queue has drained, whose futures complete on them. */
  public void shutdown() {
    pool.shutdown();
    io.shutdown();
  }

  public int inFlight() {
    return inFlight.get();
  }
}
