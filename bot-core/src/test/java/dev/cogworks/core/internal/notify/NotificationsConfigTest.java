package dev.cogworks.core.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("notifications { ... }: read, checked, and the webhook's token kept secret")
class NotificationsConfigTest {
  private static final String TOKEN = "s3cr3t-T0ken_abc";
  @TempDir Path dir;

  private CogworksConfig load(String conf) throws Exception {
    Path file = dir.resolve("application.conf");
    Files.writeString(file, conf);
    return ConfigLoader.load(file, ConfigFactory.empty(), getClass().getClassLoader());
  }

  @Test
  @DisplayName("Off by default, with the documented defaults")
  void defaults() throws Exception {
    CogworksConfig.Notifications n = load("").notifications();
    assertThat(n.enabled()).isFalse();
    assertThat(n.dedupWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(n.queueWarn()).isEqualTo(1000);
    assertThat(n.rateLimitWaitWarn()).isEqualTo(Duration.ofSeconds(5));
    assertThat(n.invalidRequestsWarn()).isEqualTo(5000);
  }

  @Test
  @DisplayName("A channel and a webhook URL: the webhook's id and token, never the token shown")
  void targets() throws Exception {
    CogworksConfig.Notifications n =
        load("notifications.channel_id = \"1100000000000000001\"\n"
                + "notifications.webhook_url = \"https://discord.com/api/webhooks/"
                + "1600000000000000001/"
                + TOKEN
                + "\"")
            .notifications();
    assertThat(n.enabled()).isTrue();
    assertThat(n.channelId()).isEqualTo(1100000000000000001L);
    assertThat(n.webhookId()).isEqualTo(1600000000000000001L);
    assertThat(n.webhookToken()).isEqualTo(TOKEN);
    assertThat(n.toString()).doesNotContain(TOKEN).contains("1600000000000000001");
  }

  @Test
  @DisplayName("Bad values name the key and what is allowed; a bad webhook URL is not echoed")
  void badValues() {
    assertThatThrownBy(() -> load("notifications.channel_id = general"))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("notifications.channel_id = \"general\"")
        .hasMessageContaining("channel id");
    assertThatThrownBy(() -> load("notifications.webhook_url = \"https://x/hooks/" + TOKEN + "\""))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("notifications.webhook_url = [hidden]")
        .hasMessageContaining("application.conf")
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> load("notifications.queue_warn = 0"))
        .hasMessageStartingWith("notifications.queue_warn = 0")
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> load("notifications.invalid_requests_warn = 20000"))
        .hasMessageContaining("1 to 10000");
    assertThatThrownBy(() -> load("notifications.dedup_window = soon"))
        .hasMessageStartingWith("notifications.dedup_window")
        .hasMessageContaining("duration");
    assertThatThrownBy(
            () ->
                load(
                    "notifications.webhok_url = \"https://discord.com/api/webhooks/1/"
                        + TOKEN
                        + "\""))
        .hasMessageContaining("unknown key")
        .hasMessageNotContaining(TOKEN);
  }
}
