package dev.cogworks.core.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The admin server's token rule")
class AdminServerTest {
  @TempDir Path dir;

  private CogworksConfig.Admin config(String host, String token) {
    return new CogworksConfig.Admin(true, host, 0, 0, dir.resolve("admin-token"), token);
  }

  @Test
  @DisplayName("A non-loopback address without ADMIN_TOKEN is refused at start, naming the key")
  void nonLoopbackNeedsChosenToken() {
    CogworksConfig.Admin open = config("0.0.0.0", "");
    assertThatThrownBy(() -> AdminServer.start(open, 0, "bot", AdminToken.resolve(open), app -> {}))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("admin.host")
        .hasMessageContaining("ADMIN_TOKEN");
  }

  @Test
  @DisplayName("With ADMIN_TOKEN set, a non-loopback bind starts and the token guards it")
  void nonLoopbackWithToken() throws Exception {
    CogworksConfig.Admin open = config("0.0.0.0", "chosen-by-the-operator");
    try (AdminServer server =
        AdminServer.start(
            open,
            0,
            "bot",
            AdminToken.resolve(open),
            app -> app.get("/x", ctx -> ctx.result("x")))) {
      HttpClient http = HttpClient.newHttpClient();
      URI x = URI.create("http://127.0.0.1:" + server.port() + "/x");
      assertThat(
              http.send(HttpRequest.newBuilder(x).build(), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              http.send(
                      HttpRequest.newBuilder(x)
                          .header("Authorization", "Bearer chosen-by-the-operator")
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body())
          .isEqualTo("x");
      assertThat(Files.exists(dir.resolve("admin-token")))
          .as("an environment token writes no file")
          .isFalse();
    }
  }

  @Test
  @DisplayName("A port in use is a clear start-up error naming admin.port, not a stack trace")
  void portInUse() throws Exception {
    CogworksConfig.Admin local = config("127.0.0.1", "");
    AdminToken token = AdminToken.resolve(local);
    try (AdminServer first = AdminServer.start(local, 0, "bot", token, app -> {})) {
      CogworksConfig.Admin same =
          new CogworksConfig.Admin(
              true, "127.0.0.1", first.port(), 0, dir.resolve("admin-token"), "");
      assertThatThrownBy(() -> AdminServer.start(same, first.port(), "bot", token, app -> {}))
          .isInstanceOf(ConfigError.class)
          .hasMessageContaining("admin.port = " + first.port())
          .hasMessageContaining("0 for any free one");
    }
  }

  @Test
  @DisplayName("A generated token is kept owner-only, reused at the next start, and hidden in logs")
  void generatedToken() throws Exception {
    CogworksConfig.Admin local = config("127.0.0.1", "");
    AdminToken first = AdminToken.resolve(local);
    Path file = dir.resolve("admin-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(AdminToken.resolve(local).reveal()).isEqualTo(first.reveal());
    assertThat(first.reveal()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(first.toString()).doesNotContain(first.reveal());
    assertThat(local.toString()).doesNotContain(first.reveal());
    assertThat(first.matches(first.reveal())).isTrue();
    assertThat(first.matches(first.reveal() + "x")).isFalse();
    assertThat(first.matches(null)).isFalse();
  }
}
