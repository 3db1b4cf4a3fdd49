package dev.cogworks.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("What a reload may apply: the diff of two configurations")
class ConfigDiffTest {
  private static final Set<String> BLOCKS =
      Set.of("discord", "database", "commands", "messaging", "admin", "notifications", "markov");

  private static final String RUNNING =
      """
      discord { token = "a", shards { total = 1 } }
      database.url = "jdbc:postgresql://db/one"
      commands.prefix = "!"
      admin.port = 8091
      messaging {
        mode = direct
        global_requests_per_second = 50
        retry.attempts = 3
        in_process { max_queue_size = 1000, processor_count = 100 }
        gateway { queue_type = postgresql, redis.uri = "redis://127.0.0.1:6379" }
      }
      notifications.queue_warn = 1000
      markov.chime_in = 0.02
      java.version = "17"
      """;

  private static ConfigDiff diff(String changes) {
    Config running = ConfigFactory.parseString(RUNNING);
    Config next = ConfigFactory.parseString(changes).withFallback(running);
    return ConfigDiff.between(running, next, BLOCKS);
  }

  @Test
  @DisplayName("Given the same values, when compared, then nothing differs")
  void same() {
    assertThat(diff("commands.prefix = \"!\"").empty()).isTrue();
  }

  @Test
  @DisplayName("The mode, the engine, limits, queue sizes, retries and notifications apply live")
  void messagingIsLive() {
    ConfigDiff diff =
        diff(
            """
            messaging.mode = external_gateway
            messaging.gateway.queue_type = redis
            messaging.in_process.max_queue_size = 50
            messaging.retry.attempts = 5
            notifications.queue_warn = 5
            """);

    assertThat(diff.live())
        .containsExactly(
            "messaging.gateway.queue_type",
            "messaging.in_process.max_queue_size",
            "messaging.mode",
            "messaging.retry.attempts",
            "notifications.queue_warn");
    assertThat(diff.restart()).isEmpty();
  }

  @Test
  @DisplayName(
      "Token, shards, database, prefix, admin port, a cog's keys and the global"
          + " budget need a restart")
  void restartOnly() {
    ConfigDiff diff =
        diff(
            """
            discord.token = "b"
            discord.shards.total = 2
            database.url = "jdbc:postgresql://db/two"
            commands.prefix = "?"
            admin.port = 9000
            markov.chime_in = 0.5
            messaging.global_requests_per_second = 40
            """);

    assertThat(diff.live()).isEmpty();
    assertThat(diff.restart())
        .containsExactly(
            "admin.port",
            "commands.prefix",
            "database.url",
            "discord.shards.total",
            "discord.token",
            "markov.chime_in",
            "messaging.global_requests_per_second");
  }

  @Test
  @DisplayName("Keys added or removed count; keys outside the platform's blocks do not")
  void addedRemovedAndForeign() {
    Config running = ConfigFactory.parseString(RUNNING);
    Config next =
        running
            .withoutPath("messaging.retry.attempts")
            .withValue(
                "messaging.direct.max_waiting",
                com.typesafe.config.ConfigValueFactory.fromAnyRef(2))
            .withValue("java.version", com.typesafe.config.ConfigValueFactory.fromAnyRef("21"));

    ConfigDiff diff = ConfigDiff.between(running, next, BLOCKS);

    assertThat(diff.live())
        .containsExactly("messaging.direct.max_waiting", "messaging.retry.attempts");
    assertThat(diff.restart()).isEmpty();
  }

  @Test
  @DisplayName(
      "An invalid edit is refused before any diff, naming the key, the value, what is allowed and"
          + " the file's line")
  void invalid(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("application.conf");
    Files.writeString(file, "\nmessaging.mode = sideways\n");
    ConfigSource source =
        new ConfigSource(file, ConfigFactory.empty(), getClass().getClassLoader());

    assertThatThrownBy(source::load)
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("messaging.mode = \"sideways\"")
        .hasMessageContaining("application.conf: 2")
        .hasMessageContaining("must be one of direct, in_process, external_gateway");

    Files.writeString(file, "messaging { mode = ");
    assertThatThrownBy(source::load)
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("cannot be read");
  }
}
