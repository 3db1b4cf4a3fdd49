package dev.cogworks.music;

import dev.cogworks.testkit.CogworksHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Music cog, messaging.mode = direct")
class DirectMusicTest extends MusicContract {
  static final MusicCog cog = new MusicCog();

  @RegisterExtension static final CogworksHarness bot = harness(cog, "direct");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MusicCog cog() {
    return cog;
  }
}
