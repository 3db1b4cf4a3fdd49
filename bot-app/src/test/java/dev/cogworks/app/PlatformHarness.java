package dev.cogworks.app;

import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.runtime.BotRunner;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.testkit.BotHarness;
import java.util.List;
import java.util.Map;

/**
 * The harness of the platform's own tests: the test kit's, plus the running bot and its gateway
 * workers, which cogs' tests never see (the test kit exposes none of the platform's classes).
 */
public final class PlatformHarness extends BotHarness<PlatformHarness> {
  private BotRunner runner;
  private java.nio.file.Path userFile;

  private PlatformHarness(List<Cog> cogs) {
    super(cogs);
  }

  public static PlatformHarness with(Cog... cogs) {
    return new PlatformHarness(List.of(cogs));
  }

  @Override
  protected void startBot(
      List<Cog> cogs, ClassLoader classLoader, int workers, Map<String, Object> settings)
      throws InterruptedException {
    runner = new BotRunner(cogs, classLoader, workers).userFile(userFile);
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

  /**
   * Reads {@code file} as the bot's {@code application.conf} (the harness's settings win over it)
   * and watches it while the bot runs.
   */
  public PlatformHarness userFile(java.nio.file.Path file) {
    this.userFile = file;
    return this;
  }

  public CogworksBot bot() {
    return runner.bot();
  }

  /** The config the bot runs with. */
  public CogworksConfig botConfig() {
    return runner.config();
  }

  /** Starts one more gateway worker in this JVM, with the bot's config; returns it. */
  public RelayWorkerProcess startWorker() throws InterruptedException {
    return runner.startWorker();
  }

  /** The running gateway workers, oldest first. */
  public List<RelayWorkerProcess> workers() {
    return runner.workers();
  }

  /** Kills a worker as {@code kill -9} would: no answers, no release; its lease runs out. */
  public void crashWorker(RelayWorkerProcess worker) {
    runner.crashWorker(worker);
  }

  /** Stops a worker gracefully. */
  public void stopWorker(RelayWorkerProcess worker) {
    runner.stopWorker(worker);
  }
}
