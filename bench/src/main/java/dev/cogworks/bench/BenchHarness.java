package dev.cogworks.bench;

import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.runtime.BotRunner;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.testkit.BotHarness;
import java.util.List;
import java.util.Map;

/** The test kit's harness, plus the bot and its workers, which the benchmarks look into. */
final class BenchHarness extends BotHarness<BenchHarness> {
  private BotRunner runner;

  private BenchHarness(List<Cog> cogs) {
    super(cogs);
  }

  static BenchHarness with(Cog... cogs) {
    return new BenchHarness(List.of(cogs));
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

  CogworksBot bot() {
    return runner.bot();
  }

  List<RelayWorkerProcess> workers() {
    return runner.workers();
  }

  void crashWorker(RelayWorkerProcess worker) {
    runner.crashWorker(worker);
  }
}
