package dev.cogworks.testkit;

import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.runtime.BotRunner;
import java.util.List;
import java.util.Map;

/**
 * The harness a cog's tests use: discord-sim with the sandbox guild, an embedded PostgreSQL in a
 * temporary folder, and a running bot with the chosen cogs and config. Register it as a static
 * field; a test then reads as a few lines of specification:
 *
 * <pre>{@code
 * @RegisterExtension static final CogworksHarness bot = CogworksHarness.with(new EchoCog());
 *
 * @Test void echoes() {
 *   bot.post("alice", "general", "!echo hi");
 *   bot.awaitReply("general", "hi");
 * }
 * }</pre>
 *
 * Everything it offers speaks the simulator's and the cog API's language; the platform it runs
 * stays behind it, as it does behind the API.
 */
public final class CogworksHarness extends BotHarness<CogworksHarness> {
  private BotRunner runner;

  private CogworksHarness(List<Cog> cogs) {
    super(cogs);
  }

  /** A harness whose bot runs these cogs (plus the built-in commands). */
  public static CogworksHarness with(Cog... cogs) {
    return new CogworksHarness(List.of(cogs));
  }

  @Override
  protected void startBot(
      List<Cog> cogs, ClassLoader classLoader, int workers, Map<String, Object> settings)
      throws InterruptedException {
    runner = new BotRunner(cogs, classLoader, workers);
    runner.start(settings);
  }

  @Override
  protected void restartBot(Map<String, Object> settings, Runnable whileStopped)
      throws InterruptedException {
    runner.restart(settings, whileStopped);
  }

  @Override
  protected int commandCount(long guildId) {
    return runner.commandCount(guildId);
  }

  @Override
  protected void stopBot() {
    if (runner != null) {
      runner.close();
    }
  }
}
