package dev.cogworks.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Component ids: <cog>:<handler>:<payload>, within Discord's 100 characters")
class ComponentIdTest {
  @Test
  @DisplayName("An id reads back as the cog, handler and payload it was built from")
  void roundTrip() {
    ComponentId id = new ComponentId("poll", "vote", "yes:42");

    assertThat(id.customId()).isEqualTo("poll:vote:yes:42");
    assertThat(ComponentId.parse("poll:vote:yes:42")).contains(id);
    assertThat(ComponentId.parse("poll:close:")).contains(new ComponentId("poll", "close", ""));
  }

  @Test
  @DisplayName("An id longer than 100 characters is refused, saying how long the payload may be")
  void tooLong() {
    assertThatThrownBy(() -> new ComponentId("poll", "vote", "x".repeat(95)))
        .hasMessage(
            "the component id for poll:vote would be 105 characters; Discord allows 100, so its"
                + " payload may have at most 90 (it has 95)");
  }

  @Test
  @DisplayName("Names that would break the id are refused; ids that are not ours do not parse")
  void malformed() {
    assertThatThrownBy(() -> new ComponentId("poll", "vo:te", ""))
        .hasMessageStartingWith("component handler name 'vo:te' must be");
    assertThatThrownBy(() -> new ComponentId("My Cog", "vote", ""))
        .hasMessageStartingWith("cog name 'My Cog' cannot start a component id");
    assertThat(ComponentId.parse("legacy-button")).isEmpty();
    assertThat(ComponentId.parse("poll:vote")).isEmpty();
    assertThat(ComponentId.parse("Poll:vote:yes")).isEmpty();
  }
}
