package dev.cogworks.role;

import dev.cogworks.testkit.CogworksHarness;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Role cog, messaging.mode = external_gateway on postgresql, 1 worker")
class ExternalGatewayRoleTest extends RoleContract {
  static final RoleCog cog = new RoleCog();

  @RegisterExtension
  static final CogworksHarness bot =
      harness(cog, "external_gateway").externalGateway("postgresql", TestEngines.postgresUrl(), 1);

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  RoleCog cog() {
    return cog;
  }
}
