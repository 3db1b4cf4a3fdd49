package dev.cogworks.core.internal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's admin HTTP server (Javalin): the bot's and each gateway worker's. Every route but the
 * public ones ({@code /health/live}, and the monitor page's own files, which hold no data) needs
 * {@code Authorization: Bearer <token>}. Loopback unless configured otherwise, and then only with a
 * token the operator chose ({@code ADMIN_TOKEN}).
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Paths anyone may read: liveness, and the page's static files (it asks for the token). */
  private static final Set<String> PUBLIC = Set.of("/health/live", "/", "/monitor.js");

  private final Javalin app;
  private final String role;
  private final String host;

  private AdminServer(Javalin app, String role, String host) {
    this.app = app;
    this.role = role;
    this.host = host;
  }

  /**
   * Starts a server for {@code role} ("bot", "gateway worker") on {@code port} (0: any free one),
   * with the routes {@code routes} adds.
   */
  public static AdminServer start(
      CogworksConfig.Admin config,
      int port,
      String role,
      AdminToken token,
      Consumer<Javalin> routes) {
    if (!loopback(config.host()) && !token.fromEnvironment()) {
      throw new ConfigError(
          "admin.host = \""
              + config.host()
              + "\" is not a loopback address: set ADMIN_TOKEN in the environment to a token of"
              + " your choosing before exposing the admin server (or bind 127.0.0.1)");
    }
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.jsonMapper(new JavalinJackson(JSON, false));
              c.http.defaultContentType = "application/json";
            });
    app.before(ctx -> authorize(ctx, token));
    app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP", "role", role)));
    routes.accept(app);
    app.exception(
        IllegalArgumentException.class,
        (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
    try {
      app.start(config.host(), port);
    } catch (RuntimeException e) {
      app.stop();
      throw new ConfigError(
          (port == config.port() ? "admin.port" : "admin.worker_port")
              + " = "
              + port
              + ": the admin server cannot listen on "
              + config.host()
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); give each process its own port, 0 for any free one, or admin.enabled = false");
    }
    AdminServer server = new AdminServer(app, role, config.host());
    log.info("Admin server ({}) on {}", role, server.url());
    return server;
  }

  private static void authorize(Context ctx, AdminToken token) {
    if (PUBLIC.contains(ctx.path())) {
      return;
    }
    String header = ctx.header("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : null;
    if (!token.matches(presented)) {
      ctx.header("WWW-Authenticate", "Bearer");
      ctx.status(HttpStatus.UNAUTHORIZED)
          .json(
              Map.of(
                  "error",
                  presented == null
                      ? "this route needs the admin token: Authorization: Bearer <token>"
                      : "wrong admin token"));
      ctx.skipRemainingHandlers();
    }
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public int port() {
    return app.port();
  }

  public String role() {
    return role;
  }

  public String url() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port() + "/";
  }

  @Override
  public void close() {
    app.stop();
  }
}
