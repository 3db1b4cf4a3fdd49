package dev.cogworks.core.internal.relay.postgres;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.messaging.GlobalBudgetContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The PostgreSQL engine's global budget follows the one rule")
class PostgresGlobalBudgetTest {
  @Test
  @DisplayName("The reservation function gives the Java rule's waits, request by request")
  void sameRule() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      var config =
          ConfigLoader.load(
              null,
              ConfigFactory.parseMap(
                  Map.of(
                      "messaging.mode", "external_gateway",
                      "messaging.global_requests_per_second", GlobalBudgetContract.LIMIT,
                      "messaging.gateway.queue_type", "postgresql",
                      "messaging.gateway.postgresql.url",
                          postgres.getJdbcUrl("postgres", "postgres"),
                      "messaging.gateway.postgresql.user", "postgres")),
              getClass().getClassLoader());
      try (PostgresRelay relay = PostgresRelay.open(config)) {
        PostgresRateLimits limits = (PostgresRateLimits) relay.rateLimits();
        GlobalBudgetContract.assertSameWaits(limits::reserve);
      }
    }
  }
}
