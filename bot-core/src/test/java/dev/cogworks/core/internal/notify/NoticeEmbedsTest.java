package dev.cogworks.core.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.messaging.Embed;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NoticeEmbeds: a notice as an embed within Discord's limits")
class NoticeEmbedsTest {
  @Test
  @DisplayName("Level colour and marker, the kind's title, fields in order, level in the footer")
  void rendersLevel() {
    Embed embed =
        NoticeEmbeds.render(
            Notice.of(NoticeKind.ENGINE_DOWN, "gone").with("Engine", "redis").with("Waiting", 3));
    assertThat(embed.color()).isEqualTo(NoticeLevel.CRITICAL.color());
    assertThat(embed.title()).startsWith("🚨").contains("unreachable");
    assertThat(embed.fields()).extracting(Embed.Field::name).containsExactly("Engine", "Waiting");
    assertThat(embed.footer()).isEqualTo("Cogworks · critical");
    assertThat(embed.timestamp()).isNotNull();
  }

  @Test
  @DisplayName("A summary says how many more like it came in the window, and from which process")
  void summary() {
    Embed embed =
        NoticeEmbeds.render(
            Notice.of(NoticeKind.DEAD_LETTER, "x"), 9, Duration.ofSeconds(60), "worker_1_abc");
    assertThat(embed.footer()).isEqualTo("Cogworks · error · worker_1_abc");
    assertThat(embed.fields().get(embed.fields().size() - 1).value())
        .startsWith("9 more like this in the last 1 min");
  }

  @Test
  @DisplayName("Long texts are cut to Discord's limits instead of refused")
  void limits() {
    Embed embed =
        NoticeEmbeds.render(
            Notice.of(NoticeKind.DEAD_LETTER, "d".repeat(5000)).with("Error", "e".repeat(2000)));
    assertThat(embed.description()).hasSize(4096);
    assertThat(embed.fields().get(0).value()).hasSize(1024);
  }
}
