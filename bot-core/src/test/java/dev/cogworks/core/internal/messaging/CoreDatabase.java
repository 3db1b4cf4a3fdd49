package dev.cogworks.core.internal.messaging;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real embedded PostgreSQL with the core tables migrated, for the stores' own tests. */
final class CoreDatabase implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedPostgres postgres;
  private Jdbi jdbi;

  @Override
  public void beforeAll(ExtensionContext context) {
    try {
      postgres = EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .locations("classpath:db/migration/core")
        .table("flyway_history_core")
        .load()
        .migrate();
    jdbi = Jdbi.create(postgres.getPostgresDatabase());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    postgres.close();
  }

  Jdbi jdbi() {
    return jdbi;
  }
}
