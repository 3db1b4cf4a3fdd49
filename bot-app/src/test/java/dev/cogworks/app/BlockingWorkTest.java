package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.testcogs.SlowStoreCog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Cogs' blocking work runs on the I/O pool, so slow queries never stall commands")
class BlockingWorkTest {
  static final SlowStoreCog store = new SlowStoreCog();

  @RegisterExtension static final PlatformHarness bot = PlatformHarness.with(store);

  @Test
  @DisplayName("With more slow queries running than command threads, a quick command still answers")
  void slowQueriesDoNotStallCommands() {
    for (int i = 0; i < 6; i++) {
      bot.post("alice", "general", "!lookup");
    }
    // More queries blocked at once than the bot has command threads (two on this machine).
    await().until(() -> store.running.get() >= 3);

    bot.post("bob", "general", "!quick");
    bot.awaitReply("general", "^quick$");

    store.release.countDown();
    await()
        .until(
            () ->
                bot.botMessages("general").stream().filter(m -> m.content.equals("found")).count()
                    == 6);
    assertThat(store.queryThreads).allMatch(name -> name.startsWith("cogworks-io"));
  }
}
