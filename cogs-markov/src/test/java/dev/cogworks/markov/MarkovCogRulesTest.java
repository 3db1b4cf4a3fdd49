package dev.cogworks.markov;

import dev.cogworks.testkit.CogRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The markov cog keeps the cog rules")
class MarkovCogRulesTest {
  @Test
  @DisplayName("bot-api only, no RestAction, no blocking on futures, no package cycles")
  void rules() {
    CogRules.check(MarkovCog.class);
  }
}
