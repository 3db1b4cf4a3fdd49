package dev.cogworks.role;

import dev.cogworks.testkit.CogRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The role cog keeps the cog rules")
class RoleCogRulesTest {
  @Test
  @DisplayName("bot-api only, no RestAction, no blocking on futures, no package cycles")
  void rules() {
    CogRules.check(RoleCog.class);
  }
}
