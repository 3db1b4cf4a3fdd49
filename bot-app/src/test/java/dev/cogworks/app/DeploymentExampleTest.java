package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example deployment in {@code config/deploy} is never run on this project's machines (it needs
 * Docker, systemd as init, a Redis Cluster and a real token), so it is checked offline: its config
 * files with the bot's own loader (a renamed or mistyped key fails here as it would at start), its
 * systemd units with {@code systemd-analyze verify} and its Compose file with Debian's {@code
 * docker-compose config}. The last two are skipped, saying why, where the tool is missing; {@code
 * .ci/run} installs both.
 */
@DisplayName("The example deployment (config/deploy) is valid offline")
class DeploymentExampleTest {
  static final Path DEPLOY = Path.of("..", "config", "deploy").toAbsolutePath().normalize();
  static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
  static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");

  /**
   * The one variable of cogworks.env the example's own files read, as a config path: HOCON's {@code
   * ${?X}} finds it there before the environment. The others (DISCORD_TOKEN, DATABASE_PASSWORD,
   * ADMIN_TOKEN) are read by reference.conf, resolved on its own from the real environment, so the
   * test checks that no example file sets their keys over them.
   */
  static final Map<String, Object> SECRETS =
      Map.of("GATEWAY_REDIS_URI", "redis://:test-redis@redis-1:6379,redis-2:6379,redis-3:6379");

  /** Keys whose value must come from the environment, through reference.conf. */
  static final List<String> FROM_ENVIRONMENT =
      List.of("discord.token", "database.password", "admin.token");

  @TempDir Path tmp;

  private static CogworksConfig load(String file) {
    return ConfigLoader.load(
        DEPLOY.resolve(file),
        ConfigFactory.parseMap(SECRETS),
        DeploymentExampleTest.class.getClassLoader());
  }

  @Test
  @DisplayName("Each process's file loads with the bot's loader, secrets coming from the env")
  void configFilesLoad() throws IOException {
    // Every .conf in the folder is a process's file or the shared one: a new file is checked too.
    try (Stream<Path> files = Files.list(DEPLOY)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")))
          .containsExactlyInAnyOrder("cogworks.conf", "bot-0.conf", "bot-1.conf", "worker.conf");
    }
    for (String file : List.of("bot-0.conf", "bot-1.conf", "worker.conf")) {
      CogworksConfig config = load(file);
      for (String key : FROM_ENVIRONMENT) {
        assertThat(config.raw().getValue(key).origin().description())
            .as(file + " must leave " + key + " to the environment")
            .contains("reference.conf");
      }
      assertThat(config.database().url()).isEqualTo("jdbc:postgresql://postgres:5432/cogworks");
      assertThat(config.database().user()).isEqualTo("cogworks");
      assertThat(config.messaging().mode())
          .isEqualTo(CogworksConfig.MessagingMode.EXTERNAL_GATEWAY);
      CogworksConfig.Relay relay = config.messaging().relay();
      assertThat(relay.queueType()).isEqualTo(CogworksConfig.QueueType.REDIS);
      assertThat(relay.redisCluster()).isTrue();
      assertThat(relay.redisUri()).isEqualTo(SECRETS.get("GATEWAY_REDIS_URI"));
      assertThat(relay.redisWaitReplicas()).isEqualTo(1);
      assertThat(relay.redisPartitions()).isEqualTo(16);
    }
    // Without GATEWAY_REDIS_URI the shared file's seed nodes (no password) stand.
    CogworksConfig noEnv =
        ConfigLoader.load(
            DEPLOY.resolve("worker.conf"), ConfigFactory.empty(), getClass().getClassLoader());
    assertThat(noEnv.messaging().relay().redisUri())
        .isEqualTo("redis://redis-1:6379,redis-2:6379,redis-3:6379");
    assertThat(load("worker.conf").discord().shardIds()).isEmpty();
    assertThat(load("worker.conf").admin().workerPort()).isZero();
  }

  @Test
  @DisplayName("The two shard groups cover every shard once, on admin ports of their own")
  void shardGroups() {
    CogworksConfig group0 = load("bot-0.conf");
    CogworksConfig group1 = load("bot-1.conf");
    assertThat(group0.discord().shardsTotal()).isEqualTo(4);
    assertThat(group1.discord().shardsTotal()).isEqualTo(4);
    List<Integer> all = new ArrayList<>(group0.discord().shardIds());
    all.addAll(group1.discord().shardIds());
    assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 4).boxed().toList());
    assertThat(group0.admin().port()).isNotEqualTo(group1.admin().port());
  }

  @Test
  @DisplayName("Every file says it was not run here; the env example holds placeholders only")
  void labelledAndNoSecrets() throws IOException {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        // cogworks.env: someone's real secrets, if they filled it in here (git ignores it).
        if (List.of("README.md", "cogworks.env").contains(file.getFileName().toString())) {
          continue;
        }
        assertThat(Files.readString(file)).as(file.toString()).contains("NOT RUN HERE");
      }
    }
    for (String line : Files.readAllLines(DEPLOY.resolve("cogworks.env.example"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        assertThat(line).as("a placeholder, never a real secret").contains("replace-with");
      }
    }
  }

  @Test
  @DisplayName("systemd-analyze verify accepts each unit without a warning")
  void systemdUnits() throws Exception {
    assumeTrue(
        Files.isExecutable(SYSTEMD_ANALYZE),
        "skipped: /usr/bin/systemd-analyze is missing (Debian's `systemd` package; .ci/run"
            + " installs it)");
    Path units = Files.createDirectories(tmp.resolve("units"));
    // verify checks that ExecStart's binary exists: the units name Debian's /usr/bin/java; where
    // that is missing, the copies name this JVM's own java instead.
    String java =
        Files.isExecutable(Path.of("/usr/bin/java"))
            ? "/usr/bin/java"
            : ProcessHandle.current().info().command().orElseThrow();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("systemd"))) {
      for (Path unit : files.toList()) {
        Files.writeString(
            units.resolve(unit.getFileName()),
            Files.readString(unit).replace("/usr/bin/java ", java + " "));
      }
    }
    for (String unit :
        List.of(
            "cogworks-bot@0.service",
            "cogworks-bot@1.service",
            "cogworks-worker@1.service",
            "cogworks.target")) {
      Result r = run(units, SYSTEMD_ANALYZE.toString(), "verify", "--man=no", "./" + unit);
      // Unknown keys are only warnings (exit 0): any output at all fails the test.
      assertThat(r.output()).as(unit).isEmpty();
      assertThat(r.exit()).as(unit).isZero();
    }
  }

  @Test
  @DisplayName(
      "docker-compose config accepts compose.yaml: postgres, 6 Redis nodes, 2 bots, 3 workers")
  void composeFile() throws Exception {
    assumeTrue(
        Files.isExecutable(DOCKER_COMPOSE),
        "skipped: /usr/bin/docker-compose is missing (Debian's `docker-compose` package; .ci/run"
            + " installs it)");
    // A copy with cogworks.env made from the example: env_file must exist, and the real one
    // (never committed) is no business of a test. Its build context, ../.., is the copy's root.
    Path copy = Files.createDirectories(tmp.resolve("config/deploy"));
    try (Stream<Path> files = Files.list(DEPLOY)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals("cogworks.env")) {
          continue;
        }
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    Files.copy(DEPLOY.resolve("cogworks.env.example"), copy.resolve("cogworks.env"));
    String compose = DOCKER_COMPOSE.toString();
    Result check = run(copy, compose, "-f", "compose.yaml", "config", "-q");
    assertThat(check.output()).isEmpty();
    assertThat(check.exit()).isZero();
    Result services = run(copy, compose, "-f", "compose.yaml", "config", "--services");
    assertThat(services.exit()).isZero();
    assertThat(new TreeSet<>(services.output().lines().toList()))
        .containsExactlyInAnyOrder(
            "postgres",
            "redis-1",
            "redis-2",
            "redis-3",
            "redis-4",
            "redis-5",
            "redis-6",
            "redis-cluster",
            "bot-0",
            "bot-1",
            "worker-1",
            "worker-2",
            "worker-3");
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Result(p.exitValue(), output.strip());
  }
}
