package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on Discord's error bodies: {@code {code, message, errors?}}. */
final class DiscordAssertions {
  private DiscordAssertions() {}

  static void assertError(SimHttp.Answer answer, int status, int code) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
    assertThat(answer.json().path("code").asInt()).isEqualTo(code);
    assertThat(answer.json().path("message").asText()).isNotBlank();
  }

  /**
   * The first error code at a JSON pointer into {@code errors}, such as {@code /embeds/0/title}.
   */
  static String errorCodeAt(SimHttp.Answer answer, String pointer) {
    return answer.json().at("/errors" + pointer + "/_errors/0/code").asText();
  }
}
