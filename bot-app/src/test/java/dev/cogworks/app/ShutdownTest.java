package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("java -jar bot.jar run: a real process, stopped with SIGTERM")
class ShutdownTest {
  @TempDir Path work;

  @Test
  @DisplayName("SIGTERM stops taking commands, lets the running one finish, and exits cleanly")
  void sigtermShutsDownGracefully() throws Exception {
    try (DiscordSim sim = DiscordSim.start()) {
      SimGuild guild = SandboxSeed.apply(sim.control());
      SimBot account = SandboxSeed.createBot(sim.control(), "Cogworks");
      long general = sim.control().channelByName(guild.id, "general").orElseThrow().id;
      long alice = sim.control().userByName("alice").orElseThrow().id;
      Path conf = work.resolve("application.conf");
      Files.writeString(
          conf,
          "discord { rest_url = \""
              + sim.restBaseUrl()
              + "\", gateway_url = \""
              + sim.gatewayUrl()
              + "\" }\n"
              + "database.data_dir = \""
              + work.resolve("pg")
              + "\"\n"
              + "shutdown.deadline = 10s\n");
      ProcessBuilder builder =
          new ProcessBuilder(
                  System.getProperty("java.home") + "/bin/java",
                  "-Dconfig.file=" + conf,
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "run")
              .directory(work.toFile())
              .redirectOutput(work.resolve("stdout.txt").toFile())
              .redirectError(work.resolve("stderr.txt").toFile());
      // The token comes from the environment, as it should in production.
      builder.environment().put("DISCORD_TOKEN", account.token);
      Process process = builder.start();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> read("stdout.txt").contains("Cogworks connected"));

        sim.control().postMessage(general, alice, "!slow");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    sim.control().messages(general).stream()
                        .anyMatch(m -> m.content.equals("working...")));
        // The command is now running: it answers again 2 s after "working...".
        process.destroy(); // SIGTERM

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        process.destroyForcibly();
      }
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(sim.control().messages(general))
          .as("messages; process output:\n%s\n%s", read("stdout.txt"), read("stderr.txt"))
          .anyMatch(m -> m.content.equals("finally done"));
      assertThat(read("stdout.txt")).contains("Cogworks stopping...", "Cogworks stopped.");
      assertThat(read("stdout.txt") + read("stderr.txt")).doesNotContain(account.token);
    }
  }

  private String read(String file) throws java.io.IOException {
    Path path = work.resolve(file);
    return Files.exists(path) ? Files.readString(path) : "";
  }
}
