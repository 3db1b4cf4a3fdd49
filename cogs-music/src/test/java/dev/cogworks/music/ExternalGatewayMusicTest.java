package dev.cogworks.music;

import dev.cogworks.testkit.CogworksHarness;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Music cog, messaging.mode = external_gateway on postgresql, 1 worker")
class ExternalGatewayMusicTest extends MusicContract {
  static final MusicCog cog = new MusicCog();

  @RegisterExtension
  static final CogworksHarness bot =
      harness(cog, "external_gateway").externalGateway("postgresql", TestEngines.postgresUrl(), 1);

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MusicCog cog() {
    return cog;
  }
}
