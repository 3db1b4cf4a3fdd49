package dev.cogworks.core.internal.admin;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;

/** {@code GET /metrics}: the registry written straight into the response, with no copy held. */
final class MetricsRoute {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsRoute() {}

  static void write(Context ctx, PrometheusMeterRegistry registry) throws IOException {
    ctx.contentType(CONTENT_TYPE);
    registry.scrape(ctx.outputStream());
  }
}
