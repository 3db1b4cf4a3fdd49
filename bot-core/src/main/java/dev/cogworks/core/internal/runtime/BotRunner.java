package dev.cogworks.core.internal.runtime;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a bot from a map of settings, and in {@code external_gateway} mode the gateway workers that
 * serve it, in this JVM: what the test kit and the benchmarks start. Settings are read as {@code
 * application.conf} would be.
 */
public final class BotRunner implements AutoCloseable {
  private final List<Cog> cogs;
  private final ClassLoader classLoader;
  private final int workerCount;
  private final List<RelayWorkerProcess> workers = new ArrayList<>();
  private CogworksBot bot;
  private CogworksConfig config;
  private java.nio.file.Path userFile;

  public BotRunner(List<Cog> cogs, ClassLoader classLoader, int workerCount) {
    this.cogs = List.copyOf(cogs);
    this.classLoader = classLoader;
    this.workerCount = workerCount;
  }

  /**
   * Reads {@code file} as the user's {@code application.conf} under the settings (which win), and
   * watches it while the bot runs. Call before {@link #start}.
   */
  public BotRunner userFile(java.nio.file.Path file) {
    this.userFile = file;
    return this;
  }

  /** Starts the bot with {@code settings}, then its workers; returns once it is connected. */
  public void start(Map<String, Object> settings) throws InterruptedException {
    ConfigSource source = new ConfigSource(userFile, ConfigFactory.parseMap(settings), classLoader);
    config = source.load();
    bot = CogworksBot.start(config, source, cogs, classLoader, false);
    while (workers.size() < workerCount) {
      startWorker();
    }
  }

  /** Stops the bot gracefully (its workers keep running) and starts it again. */
  public void restart(Map<String, Object> settings) throws InterruptedException {
    restart(settings, () -> {});
  }

  /** Stops the bot, runs {@code whileStopped} (what happens while it is away), starts it again. */
  public void restart(Map<String, Object> settings, Runnable whileStopped)
      throws InterruptedException {
    bot.close();
    whileStopped.run();
    start(settings);
  }

  /** Starts one more gateway worker with the bot's config; returns it. */
  public RelayWorkerProcess startWorker() throws InterruptedException {
    RelayWorkerProcess worker = RelayWorkerProcess.start(config);
    workers.add(worker);
    return worker;
  }

  /** The running gateway workers, oldest first. */
  public List<RelayWorkerProcess> workers() {
    return List.copyOf(workers);
  }

  /** Kills a worker as {@code kill -9} would: no answers, no release; its lease runs out. */
  public void crashWorker(RelayWorkerProcess worker) {
    workers.remove(worker);
    worker.crash();
  }

  /** Stops a worker gracefully. */
  public void stopWorker(RelayWorkerProcess worker) {
    workers.remove(worker);
    worker.close();
  }

  public CogworksBot bot() {
    return bot;
  }

  /** The config the bot runs with (where the relay's queue went, for one). */
  public CogworksConfig config() {
    return config;
  }

  /** The commands the bot registers in a guild, to know when slash registration is done. */
  public int commandCount(long guildId) {
    return bot.slashCommandCount(guildId);
  }

  /** Stops the bot, then its workers. */
  @Override
  public void close() {
    if (bot != null) {
      bot.close();
    }
    for (RelayWorkerProcess worker : List.copyOf(workers)) {
      worker.close();
    }
    workers.clear();
  }
}
