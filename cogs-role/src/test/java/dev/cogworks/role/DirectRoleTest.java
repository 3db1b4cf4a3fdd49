package dev.cogworks.role;

import dev.cogworks.testkit.CogworksHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Role cog, messaging.mode = direct")
class DirectRoleTest extends RoleContract {
  static final RoleCog cog = new RoleCog();

  @RegisterExtension static final CogworksHarness bot = harness(cog, "direct");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  RoleCog cog() {
    return cog;
  }
}
