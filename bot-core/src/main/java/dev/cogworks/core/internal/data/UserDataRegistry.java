package dev.cogworks.core.internal.data;

import dev.cogworks.api.data.UserData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every running cog's {@link UserData}: what {@code mydata show} lists and what {@code mydata
 * delete} and {@code cogworks forget-user} delete. Each cog is asked on the I/O pool; one cog
 * failing does not stop the others, and says so in the result.
 */
public final class UserDataRegistry {
  private static final Logger log = LoggerFactory.getLogger(UserDataRegistry.class);

  private final Map<String, UserData> byCog = new ConcurrentHashMap<>();
  private final Executor io;
  private final Executor cogExecutor;

  public UserDataRegistry(Executor io, Executor cogExecutor) {
    this.io = io;
    this.cogExecutor = cogExecutor;
  }

  public void register(String cog, UserData data) {
    byCog.put(cog, data);
  }

  /** The cogs that keep data about people, by name. */
  public List<String> cogs() {
    return byCog.keySet().stream().sorted().toList();
  }

  /** One cog's answer: its lines (or deleted count), or why it failed. */
  public record Outcome<T>(String cog, T value, String failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  /**
   * What each cog keeps about {@code userId}, by cog name in order; completes on the cog executor.
   */
  public CompletableFuture<List<Outcome<List<String>>>> describe(long userId) {
    return each(data -> data.describe(userId), "describe");
  }

  /** Deletes what each cog keeps about {@code userId}; completes on the cog executor. */
  public CompletableFuture<List<Outcome<Long>>> delete(long userId) {
    return each(data -> data.delete(userId), "delete")
        .thenApply(
            outcomes -> {
              outcomes.stream()
                  .filter(o -> !o.failed())
                  .forEach(
                      o ->
                          log.info(
                              "Deleted {} item(s) of a user's data in cog {}", o.value(), o.cog()));
              return outcomes;
            });
  }

  private <T> CompletableFuture<List<Outcome<T>>> each(
      java.util.function.Function<UserData, T> action, String what) {
    Map<String, CompletableFuture<Outcome<T>>> pending = new LinkedHashMap<>();
    for (String cog : cogs()) {
      UserData data = byCog.get(cog);
      CompletableFuture<T> asked;
      try {
        asked = CompletableFuture.supplyAsync(() -> action.apply(data), io);
      } catch (java.util.concurrent.RejectedExecutionException busy) {
        // The I/O pool is full: this cog's part fails, the others go on.
        asked = CompletableFuture.failedFuture(busy);
      }
      pending.put(
          cog,
          asked.handle(
              (value, failure) -> {
                if (failure == null) {
                  return new Outcome<>(cog, value, null);
                }
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                // The user id is not logged: whose data it was is nobody else's business.
                log.error("Cog {} failed to {} a user's data", cog, what, cause);
                return new Outcome<T>(cog, null, cause.getClass().getSimpleName());
              }));
    }
    return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            done -> {
              List<Outcome<T>> outcomes = new ArrayList<>();
              pending.values().forEach(f -> outcomes.add(f.join()));
              return outcomes;
            },
            cogExecutor);
  }
}
