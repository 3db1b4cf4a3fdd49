package dev.cogworks.bench;

import dev.cogworks.sim.DiscordSim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The multi-process deployment of {@code config/deploy}, on loopback: two bot processes (shards 0
 * and 1 of 2) and three gateway workers, each a {@link ChildProcess}, all sharing one PostgreSQL
 * database (the bots') and one engine. Every process reads the same settings but for its shard.
 */
final class ScaleDeployment implements AutoCloseable {
  static final int SHARDS = 2;
  static final int WORKERS = 3;
  private static final Duration READY = Duration.ofSeconds(120);

  private final Path work;
  private final String engine;
  private final String token;
  private final List<Path> botConfigs = new ArrayList<>();
  private final List<ChildProcess> bots = new ArrayList<>();
  private final List<ChildProcess> workers = new ArrayList<>();
  private ChildProcess replacement;
  private int starts;

  private ScaleDeployment(Path work, String engine, String token) {
    this.work = work;
    this.engine = engine;
    this.token = token;
  }

  /**
   * Writes the processes' config files and starts the workers and the bots together; returns once
   * every one is ready. {@code engineUri} is the Redis Cluster's seed nodes; PostgreSQL's engine is
   * the bots' database.
   */
  static ScaleDeployment start(
      Path work, DiscordSim sim, String engine, String engineUri, String databaseUrl, String token)
      throws InterruptedException {
    ScaleDeployment deployment = new ScaleDeployment(work, engine, token);
    try {
      for (int shard = 0; shard < SHARDS; shard++) {
        Path conf = work.resolve(engine + "-bot-" + shard + ".conf");
        Files.writeString(conf, config(work, sim, engine, engineUri, databaseUrl, shard));
        deployment.botConfigs.add(conf);
      }
      for (int i = 0; i < WORKERS; i++) {
        deployment.workers.add(deployment.worker());
      }
      for (int shard = 0; shard < SHARDS; shard++) {
        deployment.bots.add(deployment.process("bot-" + shard, "bot", shard));
      }
      for (ChildProcess process : deployment.bots) {
        process.awaitReady(READY);
      }
      for (ChildProcess process : deployment.workers) {
        process.awaitReady(READY);
      }
      return deployment;
    } catch (IOException e) {
      deployment.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | InterruptedException e) {
      deployment.close();
      throw e;
    }
  }

  /** The bot process running shard {@code shard}. */
  ChildProcess bot(int shard) {
    return bots.get(shard);
  }

  /**
   * {@code kill -9} of the oldest worker, and a new one started at once in its place (as systemd's
   * {@code Restart=} would); {@link #awaitReplacement} waits for it.
   */
  void killWorker() throws InterruptedException {
    workers.remove(0).kill9();
    replacement = worker();
    workers.add(replacement);
  }

  /** How long the worker started by {@link #killWorker} took to be ready, in seconds. */
  double awaitReplacement() throws InterruptedException {
    return replacement == null ? 0 : replacement.awaitReady(READY).toMillis() / 1000.0;
  }

  private ChildProcess worker() {
    return process("worker", "worker", 0);
  }

  private ChildProcess process(String name, String role, int shard) {
    Path log = work.resolve(engine + "-" + name + "-" + (++starts) + ".log");
    String conf = botConfigs.get(shard).toString();
    List<String> args =
        role.equals("bot") ? List.of("bot", conf, work.toString()) : List.of("worker", conf);
    return ChildProcess.start(args, log, Map.of("DISCORD_TOKEN", token));
  }

  /** One process's settings: as config/deploy's cogworks.conf, on loopback. */
  private static String config(
      Path work, DiscordSim sim, String engine, String engineUri, String databaseUrl, int shard) {
    StringBuilder conf = new StringBuilder();
    conf.append("discord { rest_url = \"")
        .append(sim.restBaseUrl())
        .append("\", gateway_url = \"")
        .append(sim.gatewayUrl())
        .append("\", shards { total = ")
        .append(SHARDS)
        .append(", ids = [")
        .append(shard)
        .append("] } }\n");
    // Both bots (and, on PostgreSQL, the engine) in one database: a multi-process deployment.
    conf.append("database { url = \"").append(databaseUrl).append("\", user = postgres }\n");
    conf.append("admin.enabled = false\n");
    conf.append("cogs.plugins_dir = \"").append(work.resolve("no-plugins")).append("\"\n");
    conf.append("shutdown.deadline = 5s\n");
    conf.append("messaging.mode = external_gateway\n");
    conf.append("messaging.gateway { queue_type = ").append(engine);
    conf.append(", request_queue = scale_").append(engine).append("_requests");
    conf.append(", response_queue = scale_").append(engine).append("_responses");
    // The narrow burst's tail waits 45 s for its channels' buckets: past the default 30 s.
    conf.append(", request_timeout = 5m");
    // While a master fails over, sends wait in the bot rather than fail (as config/deploy).
    conf.append(", outage_buffer = 10000");
    if (engine.equals("redis")) {
      conf.append(", redis { uri = \"").append(engineUri).append("\", cluster = true }");
    }
    conf.append(" }\n");
    return conf.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (ChildProcess process : bots) {
      process.kill9();
    }
    for (ChildProcess process : workers) {
      process.kill9();
    }
  }
}
