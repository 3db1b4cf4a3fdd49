package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A folder served beside the chat page (the sandbox's music library)")
class FolderRouteTest {
  @TempDir static Path dir;
  private static DiscordSim sim;
  private static String media;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void serve() throws Exception {
    Path library = Files.createDirectories(dir.resolve("media"));
    Files.writeString(library.resolve("Rain on Glass.wav"), "0123456789");
    Files.writeString(dir.resolve("secret.txt"), "not yours");
    Files.createSymbolicLink(library.resolve("leak.wav"), dir.resolve("secret.txt"));
    sim = DiscordSim.start();
    media = sim.serveFolder("/media/", library);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private HttpResponse<String> get(String path, String range) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(media + path));
    if (range != null) {
      request.header("Range", range);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a file by its URL-encoded name, whole or from a byte on (a range request)")
  void filesAndRanges() throws Exception {
    assertThat(media).isEqualTo(sim.baseUrl() + "media/");
    HttpResponse<String> whole = get("Rain%20on%20Glass.wav", null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("0123456789");
    assertThat(whole.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));

    // Open-ended, as LavaPlayer asks when it seeks or reconnects.
    HttpResponse<String> rest = get("Rain%20on%20Glass.wav", "bytes=4-");
    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.body()).isEqualTo("456789");
    assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes 4-9/10");
  }

  @Test
  @DisplayName(
      "nothing outside the folder: a missing file, '..' and a symlink leading out are refused")
  void lockedToTheFolder() throws Exception {
    assertThat(get("missing.wav", null).statusCode()).isEqualTo(404);
    for (String path : new String[] {"%2e%2e/secret.txt", "..%2fsecret.txt", "leak.wav"}) {
      HttpResponse<String> refused = get(path, null);
      assertThat(refused.statusCode()).as(path).isBetween(400, 404);
      assertThat(refused.body()).as(path).doesNotContain("not yours");
    }
  }
}
