package dev.cogworks.markov;

import dev.cogworks.testkit.CogworksHarness;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Markov cog, messaging.mode = external_gateway on postgresql, 1 worker")
class ExternalGatewayMarkovTest extends MarkovContract {
  static final MarkovCog cog = new MarkovCog();

  @RegisterExtension
  static final CogworksHarness bot =
      harness(cog, "external_gateway").externalGateway("postgresql", TestEngines.postgresUrl(), 1);

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MarkovCog cog() {
    return cog;
  }
}
