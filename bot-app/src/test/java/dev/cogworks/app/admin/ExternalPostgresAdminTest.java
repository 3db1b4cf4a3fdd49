package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.TestEngines;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Admin server, messaging.mode = external_gateway on postgresql")
class ExternalPostgresAdminTest extends AdminContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      harness("external_gateway", probe)
          .externalGateway("postgresql", TestEngines.postgresUrl(), 1);

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }

  @Override
  void modeSpecificSnapshot(JsonNode snapshot) {
    JsonNode gateway = snapshot.path("gateway");
    assertThat(gateway.path("engine").asText()).isEqualTo("postgresql");
    assertThat(gateway.path("engine_reachable").asBoolean()).isTrue();
    assertThat(gateway.path("workers")).hasSize(1);
    assertThat(gateway.path("workers").get(0).path("healthy").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("The worker has its own admin server: ready, metrics (promtool), snapshot")
  void workerAdmin() throws Exception {
    var worker = bot.workers().get(0).admin().orElseThrow();
    AdminHttp http = new AdminHttp(worker.port(), admin().token().reveal());
    assertThat(worker.role()).startsWith("gateway worker");
    assertThat(http.getWith("/health/live", null).status()).isEqualTo(200);
    assertThat(http.getWith("/metrics", null).status()).isEqualTo(401);
    var ready = http.get("/health/ready").json();
    assertThat(ready.path("status").asText()).isEqualTo("READY");
    assertThat(ready.path("parts").path("discord").path("detail").asText())
        .isEqualTo("REST only, no gateway session");
    assertThat(promtool(http.get("/metrics").body())).isEmpty();
    assertThat(http.get("/api/snapshot").json().path("role").asText()).isEqualTo("gateway worker");
    // The dashboard's worker panels draw from here.
    probe.send(bot.channel("general").id, "for the worker's meters").get(20, TimeUnit.SECONDS);
    String metrics = http.get("/metrics").body();
    assertThat(DashboardSeries.names().stream().filter(n -> n.startsWith("cogworks_gateway_")))
        .isNotEmpty()
        .allSatisfy(name -> assertThat(metrics).as(name).contains(name));
  }
}
