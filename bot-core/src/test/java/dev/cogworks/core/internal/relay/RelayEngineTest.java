package dev.cogworks.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An engine's address in messages never shows a password")
class RelayEngineTest {
  @Test
  @DisplayName("A JDBC URL loses its query string, where pgjdbc takes the password")
  void jdbcUrl() {
    assertThat(RelayEngine.redact("jdbc:postgresql://db:5432/bot?user=bot&password=secret"))
        .isEqualTo("jdbc:postgresql://db:5432/bot");
  }

  @Test
  @DisplayName("A redis URI loses its user info, where Lettuce takes the password")
  void redisUri() {
    assertThat(RelayEngine.redact("redis://:secret@cache:6379/2"))
        .isEqualTo("redis://cache:6379/2");
    assertThat(RelayEngine.redact("rediss://bot:secret@cache")).isEqualTo("rediss://cache");
  }

  @Test
  @DisplayName("An address without a password is unchanged")
  void plain() {
    assertThat(RelayEngine.redact("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
  }
}
