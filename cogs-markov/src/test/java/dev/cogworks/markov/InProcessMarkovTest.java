package dev.cogworks.markov;

import dev.cogworks.testkit.CogworksHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Markov cog, messaging.mode = in_process")
class InProcessMarkovTest extends MarkovContract {
  static final MarkovCog cog = new MarkovCog();

  @RegisterExtension static final CogworksHarness bot = harness(cog, "in_process");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MarkovCog cog() {
    return cog;
  }
}
