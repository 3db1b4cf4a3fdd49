package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.testkit.PostgresTemplate;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A start that cannot finish says why and leaves nothing running")
class StartFailureTest {
  @TempDir Path dir;

  @Test
  @DisplayName(
      "A gateway that never answers: start-up gives up after discord.ready_timeout, naming it,"
          + " and JDA is shut down")
  void readyTimeout() throws Exception {
    try (DiscordSim sim = DiscordSim.start(SimOptions.defaults());
        ServerSocket silent = new ServerSocket(0)) {
      SandboxSeed.apply(sim.control());
      String token = SandboxSeed.createBot(sim.control(), "Cogworks").token;
      var config =
          ConfigLoader.load(
              null,
              ConfigFactory.parseMap(
                  Map.of(
                      "discord.token",
                      token,
                      "discord.rest_url",
                      sim.restBaseUrl(),
                      // Accepts the connection and never speaks: no shard ever becomes ready.
                      "discord.gateway_url",
                      "ws://127.0.0.1:" + silent.getLocalPort(),
                      "discord.ready_timeout",
                      "2s",
                      "database.data_dir",
                      PostgresTemplate.seeded(dir.resolve("pg")),
                      "cogs.plugins_dir",
                      dir.resolve("none").toString())),
              getClass().getClassLoader());

      assertThatThrownBy(() -> CogworksBot.start(config, List.of(), getClass().getClassLoader()))
          .hasMessageContaining("discord.ready_timeout")
          .hasMessageContaining("not ready");

      await()
          .untilAsserted(
              () ->
                  assertThat(Thread.getAllStackTraces().keySet())
                      .filteredOn(Thread::isAlive)
                      .extracting(Thread::getName)
                      .noneMatch(name -> name.startsWith("JDA") || name.contains("cogworks-cog")));
    }
  }
}
