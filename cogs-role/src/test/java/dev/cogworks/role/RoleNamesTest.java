package dev.cogworks.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogworks.api.command.CommandException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RoleNames: ids as people type them")
class RoleNamesTest {
  @Test
  @DisplayName("Digits past a long's range are no id: a clear refusal, not an exception")
  void overflowingIds() {
    assertThat(RoleNames.snowflake("9223372036854775807")).contains(Long.MAX_VALUE);
    assertThat(RoleNames.snowflake("9223372036854775808")).isEmpty();
    assertThatThrownBy(() -> RoleNames.users("<@99999999999999999999>"))
        .isInstanceOf(CommandException.class)
        .hasMessage("`<@99999999999999999999>` is not a user's id.");
  }
}
