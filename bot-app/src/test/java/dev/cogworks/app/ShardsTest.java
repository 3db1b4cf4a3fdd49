package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.testkit.PostgresTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.Guild;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Sharding: two bot instances, shards 0/2 and 1/2, each serve their own guilds")
class ShardsTest {
  @TempDir Path work;

  @Test
  @DisplayName("Each instance sees and answers only the guilds of its shard")
  void twoInstancesSplitTheGuilds() throws Exception {
    try (DiscordSim sim = DiscordSim.start()) {
      long alice = sim.control().createUser("alice").id;
      List<SimGuild> guilds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        SimGuild guild = sim.control().createGuildOnShard("g" + i, null, i % 2, 2);
        sim.control().createChannel(guild.id, "general");
        sim.control().addMember(guild.id, alice, List.of());
        guilds.add(guild);
      }
      SimBot account = SandboxSeed.createBot(sim.control(), "Cogworks");

      try (CogworksBot first = start(sim, account, 0);
          CogworksBot second = start(sim, account, 1)) {
        assertThat(guildIds(first)).containsExactlyInAnyOrderElementsOf(onShard(guilds, 0));
        assertThat(guildIds(second)).containsExactlyInAnyOrderElementsOf(onShard(guilds, 1));

        for (SimGuild guild : guilds) {
          sim.control().postMessage(general(sim, guild), alice, "!ping");
        }

        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () -> {
                  for (SimGuild guild : guilds) {
                    List<SimMessage> replies =
                        sim.control().messages(general(sim, guild)).stream()
                            .filter(m -> m.author.id == account.user.id)
                            .toList();
                    assertThat(replies).as(guild.name).hasSize(1);
                  }
                });
      }
    }
  }

  private CogworksBot start(DiscordSim sim, SimBot account, int shard) throws InterruptedException {
    Map<String, Object> settings =
        Map.of(
            "discord.token", account.token,
            "discord.rest_url", sim.restBaseUrl(),
            "discord.gateway_url", sim.gatewayUrl(),
            "discord.shards.total", 2,
            "discord.shards.ids", List.of(shard),
            "database.data_dir", PostgresTemplate.seeded(work.resolve("pg" + shard)),
            "admin.port", 0,
            "admin.token_file", work.resolve("admin-token").toString(),
            "shutdown.deadline", "2s");
    var config =
        ConfigLoader.load(null, ConfigFactory.parseMap(settings), getClass().getClassLoader());
    return CogworksBot.start(config, List.of(), getClass().getClassLoader());
  }

  private static long shard(long guildId) {
    return (guildId >> 22) % 2;
  }

  private static List<Long> onShard(List<SimGuild> guilds, int shard) {
    return guilds.stream().filter(g -> shard(g.id) == shard).map(g -> g.id).toList();
  }

  private static List<Long> guildIds(CogworksBot bot) {
    return bot.shards().getGuilds().stream().map(Guild::getIdLong).toList();
  }

  private static long general(DiscordSim sim, SimGuild guild) {
    return sim.control().channelByName(guild.id, "general").orElseThrow().id;
  }
}
