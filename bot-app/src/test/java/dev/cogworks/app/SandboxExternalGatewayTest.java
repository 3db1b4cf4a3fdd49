package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.testkit.PostgresTemplate;
import dev.cogworks.testkit.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * The sandbox with {@code messaging.mode = external_gateway}: someone trying the mode out needs no
 * server of their own for PostgreSQL (the queue lives in the sandbox's embedded database) and gets
 * one worker started for them.
 */
@DisplayName("The sandbox in external_gateway mode runs its own worker and answers")
class SandboxExternalGatewayTest {
  @TempDir Path work;

  private Sandbox start(Map<String, Object> settings) throws InterruptedException {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("sandbox.port", 0);
    all.put("database.data_dir", PostgresTemplate.seeded(work.resolve("pg")));
    all.put("cogs.plugins_dir", work.resolve("plugins").toString());
    // The admin server on any free port, its token file in the test's folder.
    all.put("admin.port", 0);
    all.put("admin.token_file", work.resolve("admin-token").toString());
    all.put("messaging.mode", "external_gateway");
    all.put("shutdown.deadline", "5s");
    ClassLoader loader = getClass().getClassLoader();
    return Sandbox.start(
        ConfigLoader.load(null, ConfigFactory.parseMap(all), loader),
        List.of(new ProbeCog()),
        loader);
  }

  /**
   * alice's !ping is answered through the worker (the reply and its edit are the worker's two
   * successes, and the reply carries a nonce), and a cog's send arrives through it too.
   */
  private static void answers(Sandbox sandbox) throws Exception {
    var control = sandbox.sim().control();
    long guild = control.guildByName("Sandbox").orElseThrow().id;
    long general = control.channelByName(guild, "general").orElseThrow().id;
    long alice = control.userByName("alice").orElseThrow().id;
    var worker = sandbox.worker().orElseThrow().worker();
    long successesBefore = worker.outcomes().getOrDefault("success", 0L);

    control.postMessage(general, alice, "!ping");
    var pong =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    control.messages(general).stream()
                        .filter(m -> m.content.contains("reply round trip"))
                        .findFirst(),
                found -> found.isPresent())
            .orElseThrow();
    assertThat(pong.nonce).isNotBlank();
    await()
        .untilAsserted(
            () ->
                assertThat(worker.outcomes().getOrDefault("success", 0L) - successesBefore)
                    .isEqualTo(2));

    ProbeCog probe =
        sandbox.bot().cogs().running().stream()
            .filter(ProbeCog.class::isInstance)
            .map(ProbeCog.class::cast)
            .findFirst()
            .orElseThrow();
    long id = probe.send(general, "through the worker").get(20, TimeUnit.SECONDS).id();
    assertThat(control.messages(general))
        .filteredOn(m -> m.id == id)
        .extracting(m -> m.content)
        .containsExactly("through the worker");
  }

  @Test
  @DisplayName("On PostgreSQL with no URL set, the queue lives in the sandbox's embedded database")
  void postgresqlInEmbeddedDatabase() throws Exception {
    try (Sandbox sandbox = start(Map.of("messaging.gateway.queue_type", "postgresql"))) {
      assertThat(sandbox.bot().config().messaging().relay().postgresqlUrl())
          .startsWith("jdbc:postgresql://");
      answers(sandbox);
    }
  }

  @Test
  @DisplayName("On Redis, the sandbox's worker reads the configured server")
  void redis() throws Exception {
    int port = TestEngines.freePort();
    RedisServer redis = TestEngines.newRedis(port);
    try (Sandbox sandbox =
        start(
            Map.of(
                "messaging.gateway.queue_type",
                "redis",
                "messaging.gateway.redis.uri",
                "redis://127.0.0.1:" + port))) {
      answers(sandbox);
    } finally {
      TestEngines.stop(redis);
    }
  }
}
