package dev.cogworks.core.internal.conversation.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RetryAfter: read as openai-python reads it — retry-after-ms, seconds, an HTTP date")
class OpenAiRetryAfterTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-30T01:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
  }

  @Test
  @DisplayName("Seconds, fractions allowed")
  void seconds() {
    assertThat(RetryAfter.of(headers("Retry-After", "20"), NOW)).contains(Duration.ofSeconds(20));
    assertThat(RetryAfter.of(headers("retry-after", "2.5"), NOW)).contains(Duration.ofMillis(2500));
  }

  @Test
  @DisplayName("An HTTP date is the time from now until then; a past date still means a second")
  void httpDate() {
    assertThat(RetryAfter.of(headers("Retry-After", "Mon, 30 Nov 2026 01:02:00 GMT"), NOW))
        .contains(Duration.ofMinutes(2));
    assertThat(RetryAfter.of(headers("Retry-After", "Mon, 30 Nov 2026 00:59:00 GMT"), NOW))
        .contains(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("retry-after-ms comes first; nonsense means no retry time")
  void millisFirstAndNonsense() {
    HttpHeaders both =
        HttpHeaders.of(
            Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("9")), (n, v) -> true);
    assertThat(RetryAfter.of(both, NOW)).contains(Duration.ofSeconds(1));
    assertThat(RetryAfter.of(headers("Retry-After", "soon"), NOW)).isEmpty();
    assertThat(RetryAfter.of(headers("Retry-After", "-5"), NOW)).isEmpty();
    assertThat(RetryAfter.of(HttpHeaders.of(Map.of(), (n, v) -> true), NOW)).isEmpty();
  }

  @Test
  @DisplayName("The person is told seconds under two minutes, whole minutes above, rounded up")
  void words() {
    assertThat(RetryAfter.words(Duration.ofMillis(1500))).isEqualTo("2 s");
    assertThat(RetryAfter.words(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(RetryAfter.words(Duration.ofSeconds(121))).isEqualTo("3 min");
  }
}
