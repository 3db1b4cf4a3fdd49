package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandHandler;
import dev.cogworks.api.command.CommandInvocation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs command handlers off JDA's event threads and keeps count of those in flight, so shutdown can
 * stop taking commands and wait for the running ones. A {@link CommandException} becomes the reply;
 * any other failure is logged and the user told, never left in silence.
 */
public final class CommandExecutor {
  private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          runnable -> {
            Thread thread = new Thread(runnable, "cogworks-command");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean accepting = true;

  public boolean accepting() {
    return accepting;
  }

  public ExecutorService pool() {
    return pool;
  }

  /** Runs the handler; {@code onSilence} answers if a slash command finished without a reply. */
  CompletableFuture<Void> run(
      CommandHandler handler, CommandInvocation invocation, Runnable onSilence) {
    inFlight.incrementAndGet();
    return CompletableFuture.supplyAsync(() -> start(handler, invocation), pool)
        .thenCompose(stage -> stage)
        .handle(
            (result, failure) -> {
              if (failure == null) {
                onSilence.run();
              } else {
                answerFailure(invocation, unwrap(failure));
              }
              return (Void) null;
            })
        .whenComplete((ignored, e) -> finished());
  }

  private static CompletionStage<?> start(CommandHandler handler, CommandInvocation invocation) {
    try {
      CompletionStage<?> stage = handler.handle(invocation);
      return stage == null ? CompletableFuture.completedFuture(null) : stage;
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void answerFailure(CommandInvocation invocation, Throwable failure) {
    if (failure instanceof CommandException) {
      invocation.reply(failure.getMessage());
      return;
    }
    if (failure instanceof dev.cogworks.api.messaging.QueueFullException) {
      invocation.reply("The bot is busy right now (its message queue is full). Try again shortly.");
      return;
    }
    log.error(
        "Command {} failed for user {} in channel {}",
        invocation.commandName(),
        invocation.user().getId(),
        invocation.channel().getId(),
        failure);
    invocation.reply(
        "Something went wrong running `"
            + invocation.prefix()
            + invocation.commandName()
            + "`. It has been logged.");
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
    accepting = false;
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (idle) {
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
    pool.shutdownNow();
    return left == 0;
  }

  public int inFlight() {
    return inFlight.get();
  }
}
