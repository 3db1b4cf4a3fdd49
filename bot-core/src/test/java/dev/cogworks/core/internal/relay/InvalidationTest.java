package dev.cogworks.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A cache invalidation on the wire is kind:id")
class InvalidationTest {
  @Test
  @DisplayName("Each kind travels as its snake-case name and an unsigned id, and reads back")
  void roundTrip() {
    Invalidation deleted = new Invalidation(Invalidation.Kind.MESSAGE_DELETED, 1234L);
    Invalidation huge = new Invalidation(Invalidation.Kind.GUILD_LEFT, -1L);

    assertThat(deleted.encode()).isEqualTo("message_deleted:1234");
    assertThat(huge.encode()).isEqualTo("guild_left:18446744073709551615");
    for (Invalidation.Kind kind : Invalidation.Kind.values()) {
      Invalidation one = new Invalidation(kind, 42L);
      assertThat(Invalidation.decode(one.encode())).isEqualTo(one);
    }
    assertThat(Invalidation.decode(huge.encode())).isEqualTo(huge);
  }

  @Test
  @DisplayName("Anything else is refused, so a listener can skip it")
  void refused() {
    assertThatThrownBy(() -> Invalidation.decode("message_deleted"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invalidation.decode("channel_renamed:1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invalidation.decode("emojis_changed:x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
