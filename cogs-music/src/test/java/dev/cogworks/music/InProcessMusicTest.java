package dev.cogworks.music;

import dev.cogworks.testkit.CogworksHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Music cog, messaging.mode = in_process")
class InProcessMusicTest extends MusicContract {
  static final MusicCog cog = new MusicCog();

  @RegisterExtension static final CogworksHarness bot = harness(cog, "in_process");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MusicCog cog() {
    return cog;
  }
}
