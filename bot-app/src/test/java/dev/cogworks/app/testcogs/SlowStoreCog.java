package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A cog whose store is slow: its queries block until the test lets them finish. */
public final class SlowStoreCog extends CogHelper {
  public final CountDownLatch release = new CountDownLatch(1);
  public final Set<String> queryThreads = ConcurrentHashMap.newKeySet();
  public final AtomicInteger running = new AtomicInteger();

  @Override
  public String name() {
    return "slowstore";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("lookup", "Run a slow query")
            .handler(
                inv ->
                    context()
                        .blocking(
                            () -> {
                              queryThreads.add(Thread.currentThread().getName());
                              running.incrementAndGet();
                              try {
                                release.await();
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                              return "found";
                            })
                        .thenCompose(inv::reply))
            .build(),
        CommandSpec.builder("quick", "Answer at once").handler(inv -> inv.reply("quick")).build());
  }
}
