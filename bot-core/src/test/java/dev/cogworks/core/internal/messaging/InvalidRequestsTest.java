package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InvalidRequests: Discord's count of 401, 403 and 429 over 10 minutes")
class InvalidRequestsTest {
  @Test
  @DisplayName("401, 403 and 429 count; a shared 429 and other answers do not")
  void whatCounts() {
    assertThat(InvalidRequests.counts(401, null)).isTrue();
    assertThat(InvalidRequests.counts(403, null)).isTrue();
    assertThat(InvalidRequests.counts(429, "user")).isTrue();
    assertThat(InvalidRequests.counts(429, "global")).isTrue();
    assertThat(InvalidRequests.counts(429, "shared")).isFalse();
    assertThat(InvalidRequests.counts(404, null)).isFalse();
    assertThat(InvalidRequests.counts(200, null)).isFalse();
  }

  @Test
  @DisplayName("What is older than 10 minutes leaves the count; a reused slot starts afresh")
  void slidingWindow() {
    InvalidRequests invalid = new InvalidRequests();
    long start = 1_000_000;
    invalid.add(start);
    invalid.add(start);
    invalid.add(start + 300);
    assertThat(invalid.count(start + 300)).isEqualTo(3);
    assertThat(invalid.count(start + 599)).isEqualTo(3);
    assertThat(invalid.count(start + 600)).isEqualTo(1);
    invalid.add(start + 600); // the same slot as start, ten minutes on
    assertThat(invalid.count(start + 600)).isEqualTo(2);
    assertThat(invalid.count(start + 900)).isEqualTo(1);
  }
}
