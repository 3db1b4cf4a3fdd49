package dev.cogworks.music;

import dev.cogworks.testkit.CogRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The music cog keeps the cog rules")
class MusicCogRulesTest {
  @Test
  @DisplayName("bot-api only, no RestAction, no blocking on futures, no package cycles")
  void rules() {
    CogRules.check(MusicCog.class);
  }
}
