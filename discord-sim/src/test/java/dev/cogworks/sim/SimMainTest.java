package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The standalone server: java -jar discord-sim.jar --port N [--seed-sandbox]"
        + " [--voice-require-dave]")
class SimMainTest {
  private static final Pattern LISTENING =
      Pattern.compile("discord-sim listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

  private static Process launch(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + "/bin/java");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SimMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(false).start();
  }

  @Test
  @DisplayName("Prints one listening line, then serves the seeded sandbox")
  void servesTheSandbox() throws Exception {
    Process process = launch("--port", "0", "--seed-sandbox", "--voice-require-dave");
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher matcher = LISTENING.matcher(line == null ? "" : line);
      assertThat(matcher.matches()).as("first line: %s", line).isTrue();

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(matcher.group(1) + "_sim/state")).build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode state = Json.parse(response.body());

      JsonNode sandbox = state.path("guilds").get(0);
      assertThat(sandbox.path("name").asText()).isEqualTo("Sandbox");
      assertThat(sandbox.path("channels").findValuesAsText("name"))
          .containsExactly("general", "music", "markov", "roles", "Lounge", "Music");
      assertThat(state.path("users").findValuesAsText("username"))
          .containsExactly("admin", "alice", "bob");
      String administrator =
          sandbox.path("roles").findParents("name").stream()
              .filter(r -> r.path("name").asText().equals("Administrator"))
              .findFirst()
              .orElseThrow()
              .path("id")
              .asText();
      JsonNode admin =
          sandbox.path("members").findParents("roles").stream()
              .filter(m -> m.path("user").path("username").asText().equals("admin"))
              .findFirst()
              .orElseThrow();
      assertThat(admin.path("roles").toString()).contains(administrator);
      JsonNode role =
          sandbox.path("roles").findParents("name").stream()
              .filter(r -> r.path("id").asText().equals(administrator))
              .findFirst()
              .orElseThrow();
      assertThat(Long.parseLong(role.path("permissions").asText()) & 8).isEqualTo(8);

      // A bot made in the seeded sandbox has the switches Cogworks needs; one that names its own
      // keeps them.
      HttpResponse<String> made =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(matcher.group(1) + "_sim/bots"))
                      .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"cog\"}"))
                      .header("Content-Type", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(Json.parse(made.body()).path("privileged_intents").toString())
          .contains("GUILD_MEMBERS", "MESSAGE_CONTENT")
          .doesNotContain("GUILD_PRESENCES");
      HttpResponse<String> plain =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(matcher.group(1) + "_sim/bots"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"username\":\"plain\",\"privileged_intents\":[]}"))
                      .header("Content-Type", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(Json.parse(plain.body()).path("privileged_intents").size()).isZero();

      // --voice-require-dave: the voice server closes clients without DAVE (4017).
      HttpResponse<String> voice =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(matcher.group(1) + "_sim/voice/settings"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(Json.parse(voice.body()).path("require_dave").asBoolean()).isTrue();
      HttpResponse<String> certificate =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(matcher.group(1) + "_sim/voice/certificate"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(certificate.body()).startsWith("-----BEGIN CERTIFICATE-----");
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("A bad --port exits with code 2 and says what is wrong")
  void rejectsBadPort() throws Exception {
    Process process = launch("--port", "abc");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(err).contains("--port", "abc");
  }
}
