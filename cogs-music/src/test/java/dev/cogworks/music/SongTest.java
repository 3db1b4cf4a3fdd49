package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A URL's track title: its last path segment as a person reads it")
class SongTest {
  @Test
  @DisplayName("percent-escapes are decoded, a plus stays a plus, a query is not part of the name")
  void lastSegment() {
    assertThat(Song.lastSegment("http://127.0.0.1:8090/media/Slow%20River.wav"))
        .isEqualTo("Slow River.wav");
    assertThat(Song.lastSegment("https://example.com/a/C%2B%2B%20Talk.mp3?x=1"))
        .isEqualTo("C++ Talk.mp3");
    assertThat(Song.lastSegment("https://example.com/rock+roll.mp3")).isEqualTo("rock+roll.mp3");
    assertThat(Song.lastSegment("https://example.com/%E9%9B%A8.ogg")).isEqualTo("雨.ogg");
    assertThat(Song.lastSegment("not a uri/with spaces.wav")).isEqualTo("with spaces.wav");
  }
}
